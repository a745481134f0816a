import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../../../src/config/paths';
import { ViewEngine } from '../../../src/common/views/view-engine';

function viewsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-views-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('ViewEngine', () => {
  const dir = viewsDir({
    'layouts/main.hbs': '<html lang="{{htmlLang}}"><title>{{title}}</title>{{> header}}<main>{{body}}</main></html>',
    'layouts/mail.hbs': '[mail]{{body}}',
    'partials/header.hbs': '<h1>{{t "app.name"}}</h1>',
    'partials/forms/field-error.hbs': '<span class="error">{{message}}</span>',
    'page.hbs':
      '<p>{{greeting}}, {{formatDate when}}, {{formatClp amount}}, {{formatRut rut}}, {{plural "plural.member" n}}</p>{{> forms/field-error message="x"}}',
    'partials/greeting.hbs': 'Hola {{name}}',
    'greet.hbs': '[{{> greeting}}]',
    'missing.hbs': '<p>{{greeting}} {{nobody}}</p>',
    'nested-missing.hbs': '<p>{{#each rows}}{{name}} {{typo}}{{/each}}</p>',
  });
  const engine = new ViewEngine({ viewsDir: dir, cache: true });
  /** What page.hbs and its layout read, in Spanish; a test changes what it is about. */
  const pageModel = (changes: Record<string, unknown> = {}) => ({
    htmlLang: 'es-CL',
    locale: 'es',
    title: 'Inicio',
    greeting: 'Hola',
    when: '2026-03-17',
    amount: 1234567,
    rut: '123456785',
    n: 19,
    ...changes,
  });

  it('renders a page inside its layout with shared partials and helpers', () => {
    const html = engine.render('page', pageModel());
    expect(html).toBe(
      '<html lang="es-CL"><title>Inicio</title><h1>Quórum</h1><main><p>Hola, 17-03-2026, $1.234.567, 12.345.678-5, 19 socios</p><span class="error">x</span></main></html>',
    );
  });

  it('fails when a template names a variable the view model does not have (strict mode)', () => {
    expect(() => engine.render('missing', { greeting: 'Hola' }, { layout: false })).toThrow(/"nobody" not defined/);
    expect(() => engine.render('nested-missing', { rows: [{ name: 'Ana' }] }, { layout: false })).toThrow(
      /"typo" not defined/,
    );
    expect(() => engine.render('page', { greeting: 'Hola' })).toThrow(/not defined/);
  });

  it('escapes what people typed', () => {
    const html = engine.render(
      'missing',
      { greeting: '<script>alert(1)</script>', nobody: '"x" & \'y\'' },
      { layout: false },
    );
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp; &#x27;y&#x27;</p>');
  });

  it('escapes a shared partial in HTML and not in plain text, whichever is rendered first (cache on)', () => {
    for (const order of [
      ['text', 'html'],
      ['html', 'text'],
    ]) {
      const cached = new ViewEngine({ viewsDir: dir, cache: true });
      const out: Record<string, string> = {};
      for (const mode of order)
        out[mode] = cached.render('greet', { name: 'Ana <b> & Cía' }, { layout: false, plainText: mode === 'text' });
      expect(out.html).toBe('[Hola Ana &lt;b&gt; &amp; Cía]');
      expect(out.text).toBe('[Hola Ana <b> & Cía]');
    }
  });

  it('issue 21: parses a page, its layout and its partials once, not at every render (cache on)', () => {
    const fresh = new ViewEngine({ viewsDir: dir, cache: true });
    const parse = jest.spyOn((fresh as unknown as { html: { parse: () => unknown } }).html, 'parse');
    const context = { htmlLang: 'es', locale: 'es', title: 'T', greeting: 'g', when: '2026-03-17', amount: 1 };
    const page = () => fresh.render('page', { ...context, rut: '123456785', n: 2 });
    const first = page();
    const afterFirst = parse.mock.calls.length;
    expect(afterFirst).toBe(4); // the page, the layout, header and forms/field-error
    for (let i = 0; i < 5; i++) expect(page()).toBe(first);
    expect(parse.mock.calls.length).toBe(afterFirst);
  });

  it('issue 21: in development, an edited partial shows at the next render a second later, without a restart', () => {
    const devDir = viewsDir({ 'partials/greeting.hbs': 'Hola {{name}}', 'greet.hbs': '[{{> greeting}}]' });
    const dev = new ViewEngine({ viewsDir: devDir, cache: false });
    let now = Date.parse('2026-03-17T15:00:00Z');
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      expect(dev.render('greet', { name: 'Ana' }, { layout: false })).toBe('[Hola Ana]');
      const partial = path.join(devDir, 'partials/greeting.hbs');
      fs.writeFileSync(partial, 'Buenos días {{name}}');
      const later = new Date(fs.statSync(partial).mtimeMs + 5000); // a save a few seconds later
      fs.utimesSync(partial, later, later);
      now += 1500;
      expect(dev.render('greet', { name: 'Ana' }, { layout: false })).toBe('[Buenos días Ana]');
    } finally {
      clock.mockRestore();
    }
  });

  it('lets mails and PDFs choose another layout or none', () => {
    expect(engine.render('missing', { greeting: 'a', nobody: 'b' }, { layout: 'mail' })).toBe('[mail]<p>a b</p>');
  });

  it('translates with the locale of the context', () => {
    const html = engine.render(
      'page',
      pageModel({ htmlLang: 'en', locale: 'en', title: 'Home', greeting: 'Hi', amount: 5, n: 1 }),
    );
    expect(html).toContain('1 member');
  });

  it('the project has no unescaped output ({{{ }}} or {{& }}) in any view (SECURITY.md output encoding)', () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.hbs') && /\{\{\{|\{\{&/.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
      }
    };
    walk(fromRoot('views'));
    expect(offenders).toEqual([]);
  });

  it('compiles every view of the project', () => {
    const real = new ViewEngine({ viewsDir: fromRoot('views'), cache: false });
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.hbs') ? [path.join(d, e.name)] : [],
        );
    for (const file of walk(fromRoot('views'))) expect(() => real.compile(fs.readFileSync(file, 'utf8'))).not.toThrow();
  });
});
