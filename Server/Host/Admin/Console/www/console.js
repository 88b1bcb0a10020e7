// The console's core: the session (cookie + CSRF token), calls to the admin JSON API, pages by #/name, role-based hiding.
// Everything shown is set as text (never as HTML), so nothing a player or an operator typed can run here.
'use strict';
const SG = {
  session: null,
  pages: [],
  roles: { viewer: 1, operator: 2, admin: 3 },

  /** Registers a page: {id, title, minRole, render(container)}. A module's page calls this from its own file in pages/. */
  page(def) { SG.pages.push(def); },

  may(role) { return SG.session !== null && SG.roles[SG.session.role] >= SG.roles[role]; },

  /** An element with attributes (on* are listeners) and children (strings become text). */
  h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    return el;
  },

  /** Calls the admin API: {status, body}. Writes carry the CSRF token; a 401 shows the sign-in form again. */
  async api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = SG.session ? SG.session.csrf : '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await res.json(); } catch (e) { json = { error: 'HTTP ' + res.status }; }
    if (res.status === 401 && !path.startsWith('/console/login')) SG.showLogin();
    return { status: res.status, body: json };
  },

  /** A JSON value as indented text. */
  json(value) { return SG.h('pre', {}, JSON.stringify(value, null, 2)); },

  /** A table of rows (objects) with the given columns: [title, row => value]. */
  table(columns, rows, attrs) {
    return SG.h('table', attrs || {},
      SG.h('thead', {}, SG.h('tr', {}, columns.map(c => SG.h('th', {}, c[0])))),
      SG.h('tbody', {}, rows.map(r => SG.h('tr', {}, columns.map(c => {
        const v = c[1](r);
        return SG.h('td', {}, v instanceof Node ? v : (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)));
      })))));
  },

  time(ms) { return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'); },

  showLogin() {
    SG.session = null;
    SG.stopTimers();
    document.getElementById('login').hidden = false;
    document.getElementById('page').replaceChildren();
    document.getElementById('nav').replaceChildren();
    document.getElementById('who').textContent = '';
    document.getElementById('logout').hidden = true;
  },

  timers: [],
  every(ms, fn) { SG.timers.push(setInterval(fn, ms)); },
  stopTimers() { SG.timers.forEach(clearInterval); SG.timers = []; },

  signedIn(session) {
    SG.session = session;
    document.getElementById('login').hidden = true;
    document.getElementById('logout').hidden = false;
    document.getElementById('who').textContent = session.name + ' (' + session.role + ')';
    const nav = document.getElementById('nav');
    nav.replaceChildren(...SG.pages.filter(p => SG.may(p.minRole || 'viewer'))
      .map(p => SG.h('a', { href: '#/' + p.id, 'data-page': p.id }, p.title)));
    SG.route();
  },

  route() {
    if (!SG.session) return;
    SG.stopTimers();
    const id = (location.hash.match(/^#\/([\w-]+)/) || [])[1] || SG.pages[0].id;
    const page = SG.pages.find(p => p.id === id && SG.may(p.minRole || 'viewer')) || SG.pages[0];
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('current', a.dataset.page === page.id));
    const container = document.getElementById('page');
    container.replaceChildren(SG.h('h1', {}, page.title));
    page.render(container);
  },

  /** Hides what the operator's role may not do (the API refuses it anyway). */
  forRole(role, el) { if (!SG.may(role)) el.hidden = true; return el; },
};
