import { Parser } from 'htmlparser2';

/** A form as the page declares it (action and method as written; fields in order). */
export interface PageForm {
  action: string;
  method: string;
  fields: { name: string; type: string; autocomplete?: string }[];
}

export interface PageScript {
  src?: string;
  /** The script carries a nonce attribute. */
  nonce: boolean;
  /** Inline code (empty for external scripts). */
  code: string;
}

/** What one pass over an HTML page yields: links and forms for discovery, the rest for the passive checks. */
export interface PageFacts {
  /** href of <a> and <area>, as written. */
  links: string[];
  forms: PageForm[];
  scripts: PageScript[];
  comments: string[];
  /** Sub-resources the page loads (src/href of script, img, iframe, link, source, video, audio, embed, object). */
  resources: { tag: string; url: string }[];
}

const RESOURCE_ATTR: Record<string, string> = { script: 'src', img: 'src', iframe: 'src', source: 'src', video: 'src', audio: 'src', embed: 'src', link: 'href', object: 'data' };

/** One streaming parse of an HTML page (forgiving: broken markup yields what could be read). */
export function parsePage(html: string): PageFacts {
  const facts: PageFacts = { links: [], forms: [], scripts: [], comments: [], resources: [] };
  let form: PageForm | undefined;
  let script: PageScript | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if ((name === 'a' || name === 'area') && attrs.href) facts.links.push(attrs.href);
        const resAttr = RESOURCE_ATTR[name];
        // <link rel=canonical/alternate> is a link, not a loaded resource.
        if (resAttr && attrs[resAttr] && !(name === 'link' && !/stylesheet|preload|icon|modulepreload/i.test(attrs.rel ?? ''))) facts.resources.push({ tag: name, url: attrs[resAttr] });
        if (name === 'form') {
          form = { action: attrs.action ?? '', method: (attrs.method ?? 'GET').toUpperCase(), fields: [] };
          facts.forms.push(form);
        }
        if (form && (name === 'input' || name === 'textarea' || name === 'select' || name === 'button') && attrs.name) {
          form.fields.push({ name: attrs.name, type: (attrs.type ?? (name === 'input' ? 'text' : name)).toLowerCase(), autocomplete: attrs.autocomplete });
        }
        if (name === 'script') script = { src: attrs.src, nonce: attrs.nonce !== undefined && attrs.nonce !== '', code: '' };
      },
      ontext(text) {
        if (script) script.code += text;
      },
      oncomment(text) {
        facts.comments.push(text);
      },
      onclosetag(name) {
        if (name === 'form') form = undefined;
        if (name === 'script' && script) {
          facts.scripts.push(script);
          script = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return facts;
}

/** Looks like an HTML page (by Content-Type, else by its first bytes). */
export function isHtml(contentType: string | undefined, body: string): boolean {
  if (contentType) return /html/i.test(contentType);
  return /^\s*(<!doctype html|<html)/i.test(body);
}
