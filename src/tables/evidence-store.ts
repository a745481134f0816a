import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import type { LocalizedText } from '../common/i18n/messages';
import { hiddenCharacters } from '../common/text';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { FileStore } from '../documents/file-store';
import { TableException } from './tables.exception';
import { EVIDENCE_TYPE_WORDS, grouped, inEachLanguage, NO_EXTENSION, tableTexts } from './tables.messages';

export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface EvidenceFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export interface CheckedEvidence {
  fileName: string;
  contentType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** What each allowed type starts with (its magic bytes) and the extensions its name may have. */
const TYPES: { type: EvidenceType; magic: Buffer; extensions: string[] }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1'), extensions: ['.pdf'] },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]), extensions: ['.jpg', '.jpeg'] },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), extensions: ['.png'] },
];

const refuse = (code: string, message: LocalizedText, status = 422) =>
  new DomainException(code, message, status, [TableException.fieldError('evidence', message)]);

/**
 * Evidence files of commitments' progress (issue 9): checked by size, name and first bytes before anything is
 * written, then kept in the database (FileStore, issue 21 item 5: no longer under EVIDENCE_DIR, so every
 * instance serves what any other received) under a generated key; the name the user gave is only a download name.
 */
@Injectable()
export class EvidenceStore {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileStore,
  ) {}

  get maxBytes(): number {
    return this.config.evidence.maxBytes;
  }

  /** The file as it may be kept, or a 4xx naming the `evidence` field. */
  check(file: EvidenceFile): CheckedEvidence {
    const name = file.originalname ?? '';
    const max = this.config.evidence.maxBytes;
    if (file.size > max || file.buffer.length > max)
      throw refuse(
        'FILE_TOO_LARGE',
        inEachLanguage((locale) =>
          tableTexts.evidenceTooLarge({
            size: grouped(file.size, locale),
            max: grouped(max, locale),
            mb: max / 1_048_576,
          }),
        ),
        413,
      );
    if (!file.size || !file.buffer.length) throw refuse('FILE_EMPTY', tableTexts.evidenceEmpty());
    // a name is a name, never a path: no separators, no parent references, no control characters
    if (
      !name.trim() ||
      name.length > 200 ||
      // eslint-disable-next-line no-control-regex
      /[/\\\u0000-\u001f\u007f]/.test(name) ||
      name.includes('..') ||
      name.startsWith('.')
    ) {
      throw refuse('FILE_NAME_INVALID', tableTexts.evidenceNameInvalid());
    }
    // Issue 22 item 6: a right-to-left override makes `‮gnp.pdf` read as `fdp.png`; invisible characters hide
    // what a name says. Refused, not cleaned: the person sees why and renames the file.
    const hidden = hiddenCharacters(name);
    if (hidden.length)
      throw refuse('FILE_NAME_INVALID', tableTexts.evidenceNameHidden({ characters: hidden.slice(0, 5).join(', ') }));
    const ext = path.extname(name).toLowerCase();
    const type = TYPES.find((t) => file.buffer.subarray(0, t.magic.length).equals(t.magic));
    if (!type) throw refuse('FILE_TYPE_INVALID', tableTexts.evidenceTypeInvalid({ name }), 415);
    if (!type.extensions.includes(ext))
      throw refuse(
        'FILE_TYPE_INVALID',
        inEachLanguage((locale) =>
          tableTexts.evidenceExtension({
            name,
            type: EVIDENCE_TYPE_WORDS[locale][type.type],
            ext: ext || NO_EXTENSION[locale],
          }),
        ),
        415,
      );
    return {
      fileName: name.trim(),
      contentType: type.type,
      sizeBytes: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: file.buffer,
    };
  }

  /** Keeps the bytes in the caller's transaction (`em`): they exist only if the evidence row commits. */
  put(content: Buffer, em: EntityManager): Promise<string> {
    return this.files.put(content, em);
  }

  /** The bytes under a key, or null when the database has none (EVIDENCE_DIR not imported: `evidence:import`). */
  read(key: string): Promise<Buffer | null> {
    return this.files.read(key);
  }
}
