'use strict';
// Pendants (chat-room pendants, module 14): the list, the editor with every field, the enabled switch, the errors at their fields,
// and a preview of who would see one.
(() => {
  const { h } = SG;
  const FIELDS = [
    ['id', 'ID', 'text'], ['business', '业务 Business', ['chat', 'game']], ['enabled', '是否可见 Enabled', 'checkbox'],
    ['text', '文字 Text', 'text'], ['image', '图片 Image URL', 'text'], ['jumpUrl', '跳转 Jump URL', 'text'],
    ['priority', '优先级 Priority', 'number'], ['begin', '开始 Begin (ISO 8601)', 'text'], ['end', '结束 End (ISO 8601)', 'text'],
    ['minVersion', '最低版本 Min version', 'text'], ['maxVersion', '最高版本 Max version', 'text'],
    ['minVipLevel', '最低VIP Min VIP level', 'number'], ['ownerOnly', '仅房主 Owner only', 'checkbox'],
    ['rooms', '房间 Rooms (comma separated; empty: all)', 'text'],
    ['trigger.kind', '触发 Trigger', ['operator', 'gift', 'redPacket']], ['trigger.giftId', '礼物 Gift id', 'number'],
    ['trigger.minCount', '最少数量 Min count', 'number'], ['trigger.durationSeconds', '显示秒数 Duration (s)', 'number'],
  ];

  function blank() {
    const now = Date.now();
    return { id: '', business: 'chat', enabled: true, text: '', image: 'https://', jumpUrl: '', priority: 0,
      begin: new Date(now - 60000).toISOString(), end: new Date(now + 7 * 86400000).toISOString(), minVersion: '', maxVersion: '',
      minVipLevel: 0, ownerOnly: false, rooms: [], trigger: { kind: 'operator', giftId: 0, minCount: 1, durationSeconds: 0 } };
  }

  function get(obj, path) { return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj); }

  function input(name, kind, value) {
    if (Array.isArray(kind)) return h('select', { name }, kind.map(v => h('option', { value: v, selected: v === value }, v)));
    if (kind === 'checkbox') return h('input', { name, type: 'checkbox', checked: !!value });
    if (name === 'rooms') value = (value || []).join(', ');
    return h('input', { name, type: kind === 'number' ? 'number' : 'text', value: value ?? '' });
  }

  function read(form) {
    const def = { trigger: {} };
    for (const [name, , kind] of FIELDS) {
      const el = form.elements[name];
      let v = kind === 'checkbox' ? el.checked : el.value;
      if (kind === 'number') v = v === '' ? 0 : Number(v);
      if (name === 'rooms') v = v.split(',').map(s => s.trim()).filter(s => s.length > 0);
      if (name.startsWith('trigger.')) def.trigger[name.slice(8)] = v; else def[name] = v;
    }
    return def;
  }

  /** Shows each error at its field (rooms[2] at rooms); one without a field of the form goes to the form's own line. */
  function showErrors(form, errors) {
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
    const general = [];
    for (const e of errors) {
      const field = e.field.replace(/\[\d+\]$/, '');
      const at = form.querySelector('.field-error[data-for="' + CSS.escape(field) + '"]');
      if (at) { at.textContent += (at.textContent ? '; ' : '') + e.message; form.elements[field].classList.add('invalid'); }
      else general.push(e.field + ': ' + e.message);
    }
    form.querySelector('#pendant-status').textContent = general.join('; ');
  }

  function editor(container, def, isNew) {
    const status = h('p', { id: 'pendant-status', class: 'error', role: 'status' });
    const form = h('form', { id: 'pendant-form', novalidate: true },
      h('div', { class: 'grid' }, FIELDS.map(([name, label, kind]) => h('label', {}, label, input(name, kind, get(def, name)),
        h('span', { class: 'field-error', 'data-for': name })))),
      h('div', { class: 'row' },
        SG.forRole('operator', h('button', { id: 'pendant-save', type: 'submit' }, '保存 Save')),
        h('label', {}, '预览房间 Preview room', h('input', { id: 'preview-room', placeholder: 'room id' })),
        h('button', { id: 'pendant-preview', type: 'button', onclick: () => preview(form) }, '预览 Preview'),
        h('a', { href: '#/pendants' }, '返回列表 Back to the list')),
      status, h('div', { id: 'preview' }));
    if (!isNew) form.elements.id.readOnly = true;
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = read(form);
      const res = isNew ? await SG.api('POST', '/admin/pendants', body) : await SG.api('PUT', '/admin/pendants/' + encodeURIComponent(body.id), body);
      if (res.status === 200) {
        showErrors(form, []);
        status.className = 'ok';
        status.textContent = '已保存 Saved ' + body.id;
        if (isNew) { isNew = false; form.elements.id.readOnly = true; }
      } else {
        status.className = 'error';
        showErrors(form, res.body.errors || [{ field: res.body.field || '(body)', message: res.body.error }]);
      }
    });
    container.append(form);
  }

  async function preview(form) {
    const room = document.getElementById('preview-room').value.trim();
    const res = await SG.api('POST', '/admin/pendants/preview' + (room ? '?room=' + encodeURIComponent(room) : ''), read(form));
    const out = document.getElementById('preview');
    if (res.status !== 200) { showErrors(form, res.body.errors || [{ field: res.body.field || '(body)', message: res.body.error }]); return; }
    showErrors(form, []);
    out.replaceChildren(h('div', { class: 'card' }, h('strong', {}, res.body.showsNow ? '现在显示 Shows now' : '现在不显示 Not shown now'),
      h('ul', {}, res.body.rules.map(r => h('li', {}, r))),
      room ? SG.table([['账号 Account', m => m.acc], ['VIP', m => m.vipLevel], ['房主 Owner', m => (m.owner ? '✓' : '')],
        ['版本 Version', m => (m.version === null ? '(另一节点 other node)' : m.version)], ['可见 Sees it', m => (m.sees ? '✓' : '✗')]],
      res.body.members, { id: 'preview-members' }) : null));
  }

  async function list(container) {
    const res = await SG.api('GET', '/admin/pendants');
    if (res.status !== 200) { container.append(h('p', { class: 'error' }, res.body.error)); return; }
    container.append(SG.forRole('operator', h('p', {}, h('a', { href: '#/pendants/new', id: 'pendant-new' }, '+ 新建挂件 New pendant'))),
      SG.table([['ID', p => h('a', { href: '#/pendants/edit/' + encodeURIComponent(p.id) }, p.id)], ['业务 Business', p => p.business],
        ['可见 Enabled', p => (p.enabled ? '✓' : '✗')], ['文字 Text', p => p.text], ['触发 Trigger', p => p.trigger.kind],
        ['窗口 Window', p => p.begin + ' – ' + p.end], ['优先级 Priority', p => p.priority]], res.body.pendants, { id: 'pendant-list' }));
  }

  SG.page({ id: 'pendants', title: '挂件 Pendants', minRole: 'viewer', async render(container) {
    const m = location.hash.match(/^#\/pendants\/(new|edit\/(.+))$/);
    if (!m) return list(container);
    if (m[1] === 'new') return editor(container, blank(), true);
    const res = await SG.api('GET', '/admin/pendants/' + m[2]);
    if (res.status !== 200) container.append(h('p', { class: 'error' }, res.body.error)); else editor(container, res.body, false);
  } });
})();
