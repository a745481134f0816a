import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { viewHelpers } from './helpers';

export interface ViewEngineOptions {
  viewsDir: string;
  /** Keep compiled templates in memory (production); off in development so edits show at once. */
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
    return (plainText ? this.text : this.html).compile(source, {
      strict: true,
      preventIndent: true,
      noEscape: plainText,
    });
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
    const key = `${plainText ? 'text' : 'html'}:${file}`;
    const cached = this.options.cache ? this.cache.get(key) : undefined;
    if (cached) return cached;
    if (!this.options.cache) this.partialsLoaded = false; // development: pick up edited partials too
    const compiled = this.compile(fs.readFileSync(file, 'utf8'), plainText);
    if (this.options.cache) this.cache.set(key, compiled);
    return compiled;
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
          // Registered as source on each instance: compiled on first use with that instance's options.
          const source = fs.readFileSync(full, 'utf8');
          this.html.registerPartial(name, source);
          this.text.registerPartial(name, source);
        }
      }
    };
    walk(root);
    this.partialsLoaded = true;
  }
}
