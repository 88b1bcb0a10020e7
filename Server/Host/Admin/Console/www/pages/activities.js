'use strict';
// Activities (module 17): the running set (window, open now, hand override, banner, rules), edited per field and saved whole through
// PUT /admin/activities (an error shown at its field), and a reload of Config/activities.json through the GM route.
(() => {
  const { h } = SG;
  const FIELDS = [
    ['id', 'ID'], ['kind', '类型 Kind'], ['name', '名称 Name'], ['begin', '开始 Begin'], ['end', '结束 End'],
    ['minVersion', '最低版本 Min version'], ['maxVersion', '最高版本 Max version'], ['minVipLevel', '最低VIP Min VIP level', 'number'],
    ['banner.image', '横幅图片 Banner image'], ['banner.text', '横幅文字 Banner text'], ['banner.jump', '横幅跳转 Banner jump'],
    ['banner.priority', '横幅优先级 Banner priority', 'number'],
  ];
  const RULES = ['buyOneGetOne', 'wealthBonus', 'friendGift'];

  function get(obj, path) { return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj); }

  function card(a, i, data) {
    const at = n => 'activities[' + i + '].' + n;
    const rules = {};
    for (const r of RULES) if (a[r] !== undefined && a[r] !== null) rules[r] = a[r];
    const state = data.open.includes(a.id) ? '进行中 open' : '未开启 closed';
    return h('fieldset', { class: 'activity', 'data-index': i },
      h('legend', {}, (a.id || '(新 new)') + ' — ' + state + ' · 手动 override: ' + (data.overrides[a.id] || 'auto')),
      h('div', { class: 'grid' }, FIELDS.map(([name, label, kind]) => h('label', {}, label,
        h('input', { name: at(name), type: kind === 'number' ? 'number' : 'text', value: get(a, name) ?? '' }),
        h('span', { class: 'field-error', 'data-for': at(name) })))),
      h('label', {}, '规则 Rules (JSON: buyOneGetOne, wealthBonus, friendGift)',
        h('textarea', { name: at('rules'), rows: 4, cols: 80 }, JSON.stringify(rules, null, 2)),
        h('span', { class: 'field-error', 'data-for': at('rules') })),
      SG.forRole('operator', h('button', { type: 'button', class: 'activity-remove', onclick: ev => ev.target.closest('fieldset').remove() },
        '删除 Remove')));
  }

  /** The set as the form holds it; a rules box that is not JSON is an error at that box. */
  function read(form) {
    const list = [];
    const errors = [];
    form.querySelectorAll('fieldset.activity').forEach(fs => {
      const i = fs.dataset.index;
      const a = { banner: {} };
      for (const [name, , kind] of FIELDS) {
        let v = form.elements['activities[' + i + '].' + name].value;
        if (kind === 'number') v = v === '' ? 0 : Number(v);
        if (name.startsWith('banner.')) a.banner[name.slice(7)] = v; else a[name] = v;
      }
      const box = 'activities[' + i + '].rules';
      try { Object.assign(a, JSON.parse(form.elements[box].value || '{}')); } catch (e) { errors.push({ field: box, message: '不是 JSON not JSON' }); }
      list.push(a);
    });
    // the API names fields by position in the list sent, so the cards are numbered again in that order
    form.querySelectorAll('fieldset.activity').forEach((fs, n) => renumber(fs, n));
    return { list, errors };
  }

  function renumber(fs, n) {
    const from = 'activities[' + fs.dataset.index + '].';
    const to = 'activities[' + n + '].';
    fs.dataset.index = n;
    fs.querySelectorAll('[name]').forEach(el => { el.name = to + el.name.slice(from.length); });
    fs.querySelectorAll('[data-for]').forEach(el => { el.dataset.for = to + el.dataset.for.slice(from.length); });
  }

  /** The error at its field, else at the closest enclosing one (a rule's field at the rules box), else on the status line. */
  function showError(form, status, field, message) {
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
    if (!field) return;
    let f = field;
    const rule = f.match(/^(activities\[\d+\])\.(buyOneGetOne|wealthBonus|friendGift)\b/);
    if (rule) f = rule[1] + '.rules';
    const at = form.querySelector('.field-error[data-for="' + CSS.escape(f) + '"]');
    if (at) { at.textContent = message; form.elements[f].classList.add('invalid'); status.textContent = ''; }
    else status.textContent = field + ': ' + message;
  }

  async function render(container) {
    const res = await SG.api('GET', '/admin/activities');
    if (res.status !== 200) { container.append(h('p', { class: 'error' }, res.body.error)); return; }
    const data = res.body;
    let next = data.activities.length;
    const status = h('p', { id: 'activity-status', class: 'error', role: 'status' });
    const cards = h('div', { id: 'activity-cards' }, data.activities.map((a, i) => card(a, i, data)));
    const form = h('form', { id: 'activity-form', novalidate: true }, cards,
      h('div', { class: 'row' },
        SG.forRole('operator', h('button', { id: 'activity-add', type: 'button', onclick: () => cards.append(card({ id: '', kind: 'vipFestival',
          name: '', begin: '', end: '', minVipLevel: 0, banner: { image: 'https://', text: '', jump: '', priority: 0 } }, next++,
        { open: [], overrides: {} })) }, '+ 新建活动 New activity')),
        SG.forRole('operator', h('button', { id: 'activity-save', type: 'submit' }, '保存全部 Save all')),
        SG.forRole('operator', h('button', { id: 'activity-reload', type: 'button', onclick: () => reload(status) },
          '重新加载配置文件 Reload activities.json'))),
      status, h('pre', { id: 'activity-output' }));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const { list, errors } = read(form);
      status.className = 'error';
      if (errors.length > 0) { showError(form, status, errors[0].field, errors[0].message); return; }
      const put = await SG.api('PUT', '/admin/activities', { activities: list });
      if (put.status === 200) {
        showError(form, status, null);
        status.className = 'ok';
        status.textContent = '已保存 Saved: ' + put.body.count + ' (version ' + put.body.version + ')';
      } else {
        const message = put.body.error || ('HTTP ' + put.status);
        showError(form, status, put.body.field, message.startsWith(put.body.field + ': ') ? message.slice(put.body.field.length + 2) : message);
      }
    });
    container.append(h('p', {}, '时区 Time zone: ' + data.timeZone + ' · version ' + data.version), form);
  }

  async function reload(status) {
    const res = await SG.api('POST', '/admin/gm', { text: 'activity reload' });
    status.className = res.status === 200 && res.body.result === 0 ? 'ok' : 'error';
    status.textContent = res.status === 200 ? res.body.resultName + ': ' + res.body.output : res.body.error;
  }

  SG.page({ id: 'activities', title: '活动 Activities', minRole: 'viewer', render });
})();
