import * as path from 'node:path';

/** The repository root, both from sources (src/common) and from the build (dist/common). */
export function projectRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

export function fromRoot(...segments: string[]): string {
  return path.join(projectRoot(), ...segments);
}
