'use strict';
// The audit trail: every operator write (who, when, what, status, before and after), newest first.
(() => {
  const { h } = SG;
  SG.page({ id: 'audit', title: '审计 Audit trail', minRole: 'viewer', async render(container) {
    const res = await SG.api('GET', '/admin/audit');
    if (res.status !== 200) { container.append(h('p', { class: 'error' }, res.body.error)); return; }
    const show = v => (v === null || v === undefined ? '' : h('pre', {}, JSON.stringify(v, null, 1)));
    container.append(SG.table([['时间 When', e => SG.time(e.at)], ['运营 Operator', e => e.operator + ' (' + e.role + ')'],
      ['操作 What', e => e.method + ' ' + e.path], ['状态 Status', e => e.status], ['之前 Before', e => show(e.before)],
      ['之后 After', e => show(e.after) || e.body]], res.body.entries, { id: 'audit-list' }));
  } });
})();
