import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../../../src/config/paths';

/** Every .hbs file under `dir`, recursively. */
function templates(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : [],
    );
}

/**
 * The pages' Content-Security-Policy allows styles and scripts from the portal's own files only ('self'): an inline
 * `style="..."`, `<style>`, `<script>` or `onclick="..."` in a page is blocked by the browser, so what it meant (a
 * 44 px touch target, a copy button) silently never works. Scripts live in public/js (progressive enhancement).
 * Mails are the exception for styles: mail readers need inline styles.
 */
describe('page templates', () => {
  it('carry no inline style, script or event handler (the CSP blocks them); mail templates may style', () => {
    const views = fromRoot('views');
    const offenders = templates(views)
      .filter(
        (file) =>
          !/[/\\](emails|layouts[/\\]email|partials[/\\]email)/.test(path.relative(views, `/${file}`)) &&
          !file.includes(`${path.sep}email`),
      )
      .filter((file) =>
        /\sstyle="|<style[\s>]|\son[a-z]+="|<script(?![^>]*\ssrc=)/i.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(views, file));
    expect(offenders).toEqual([]);
  });
});
