import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { viewHelpers } from './helpers';

export interface ViewEngineOptions {
  viewsDir: string;
  /**
   * Keep compiled templates in memory without looking at the files again (production, tests). Off in development:
   * templates stay compiled too, but the views folder is looked at once a second and edits show at the next render.
   */
  cache: boolean;
}

export interface RenderOptions {
  /** A layout under views/layouts, or false for none. Pages default to `main`; mails and PDFs choose theirs. */
  layout?: string | false;
  /**
   * Plain text output (mail text parts, subjects, PDF strings): no HTML escaping. Never use it for HTML.
   */
  plainText?: boolean;
}

/**
 * A small view engine over Handlebars used by pages, mails and PDFs alike: templates compile in strict mode
 * (a template that names a missing variable fails instead of printing nothing), partials and helpers are
 * registered once on a private Handlebars instance, and a page is rendered inside a layout.
 */
export class ViewEngine {
  /**
   * Two Handlebars instances: one escapes (HTML), one does not (plain text). Handlebars caches a compiled
   * partial on its instance, so sharing one instance would let the first render decide a partial's escaping.
   */
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  private partialsLoaded = false;
  /** Development: when the views folder was last looked at, and the newest change time found in it. */
  private lastLook = 0;
  private newestChange = 0;

  constructor(private readonly options: ViewEngineOptions) {
    for (const hbs of [this.html, this.text]) {
      for (const [name, helper] of Object.entries(viewHelpers)) hbs.registerHelper(name, helper);
    }
  }

  get viewsDir(): string {
    return this.options.viewsDir;
  }

  /** Compiles a template source in strict mode (exported for tests of the strictness itself). */
  compile(source: string, plainText = false): Handlebars.TemplateDelegate {
    this.loadPartials();
    return this.compileOn(plainText ? this.text : this.html, source, plainText);
  }

  private compileOn(hbs: typeof Handlebars, source: string, plainText: boolean): Handlebars.TemplateDelegate {
    return hbs.compile(source, { strict: true, preventIndent: true, noEscape: plainText });
  }

  /** Renders `views/<name>.hbs` with `context`, inside `views/layouts/<layout>.hbs` unless layout is false. */
  render(name: string, context: Record<string, unknown>, options: RenderOptions = {}): string {
    return this.renderFile(this.resolve(name), context, options);
  }

  renderFile(file: string, context: Record<string, unknown>, options: RenderOptions = {}): string {
    const plain = options.plainText ?? false;
    const body = this.template(file, plain)(context);
    const layout = options.layout === undefined ? 'main' : options.layout;
    if (layout === false) return body;
    return this.template(
      this.resolve(`layouts/${layout}`),
      plain,
    )({ ...context, body: new Handlebars.SafeString(body) });
  }

  /** The function Express calls for `res.render(view, locals)`. `locals.layout` picks or disables the layout. */
  expressEngine() {
    return (file: string, locals: Record<string, unknown>, callback: (err: unknown, html?: string) => void) => {
      try {
        const { settings: _settings, _locals, cache: _cache, layout, ...context } = locals as Record<string, unknown>;
        void _settings;
        void _locals;
        void _cache;
        callback(null, this.renderFile(file, context, { layout: layout as string | false | undefined }));
      } catch (err) {
        callback(err);
      }
    };
  }

  private resolve(name: string): string {
    const file = path.join(this.options.viewsDir, `${name}.hbs`);
    if (!file.startsWith(this.options.viewsDir + path.sep)) throw new Error(`vista fuera del directorio: ${name}`);
    return file;
  }

  private template(file: string, plainText: boolean): Handlebars.TemplateDelegate {
    if (!this.options.cache) this.forgetEdited();
    const key = `${plainText ? 'text' : 'html'}:${file}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const compiled = this.compile(fs.readFileSync(file, 'utf8'), plainText);
    this.cache.set(key, compiled);
    return compiled;
  }

  /**
   * Development: at most once a second, the newest change time under the views folder; when it moved, every
   * compiled template and partial is dropped. (Compiling at each render made a page cost 30 to 40 ms of CPU, issue 21.)
   */
  private forgetEdited(): void {
    const now = Date.now();
    if (now - this.lastLook < 1000) return;
    this.lastLook = now;
    let newest = 0;
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
        if (entry.isDirectory()) walk(full);
      }
    };
    walk(this.options.viewsDir);
    if (newest === this.newestChange) return;
    this.newestChange = newest;
    this.cache.clear();
    this.partialsLoaded = false;
  }

  /** Every file under views/partials, registered by its path without extension (`nav`, `forms/field-error`). */
  private loadPartials(): void {
    if (this.partialsLoaded) return;
    const root = path.join(this.options.viewsDir, 'partials');
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.hbs')) {
          const name = path.relative(root, full).slice(0, -'.hbs'.length).split(path.sep).join('/');
          // Registered compiled (lazily, on first use) with each instance's options. Registered as source, Handlebars
          // compiles a partial again at every render that uses it (issue 21: about a third of a page's CPU).
          const source = fs.readFileSync(full, 'utf8');
          this.html.registerPartial(name, this.compileOn(this.html, source, false));
          this.text.registerPartial(name, this.compileOn(this.text, source, true));
        }
      }
    };
    walk(root);
    this.partialsLoaded = true;
  }
}
