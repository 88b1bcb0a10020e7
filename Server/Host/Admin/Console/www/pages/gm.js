'use strict';
// The GM console: runs a GM command as the signed-in operator, shows its output as text, and the history (from the audit trail).
(() => {
  const { h } = SG;

  async function history(out) {
    const res = await SG.api('GET', '/admin/audit?path=/admin/gm');
    if (res.status !== 200) return;
    out.replaceChildren(SG.table([['时间 When', e => SG.time(e.at)], ['运营 Operator', e => e.operator],
      ['命令 Command', e => { try { return JSON.parse(e.body).text; } catch (x) { return e.body; } }],
      ['结果 Result', e => (e.after ? e.after.resultName : e.status)], ['输出 Output', e => h('pre', {}, e.after ? e.after.output : '')]],
    res.body.entries, { id: 'gm-history' }));
  }

  SG.page({ id: 'gm', title: 'GM 命令 GM console', minRole: 'operator', render(container) {
    const text = h('input', { id: 'gm-text', placeholder: 'help | addmoney <acc> gold 100 | online ...', size: 60 });
    const result = h('p', { id: 'gm-result' });
    const output = h('pre', { id: 'gm-output' });
    const past = h('div', {});
    container.append(h('form', { class: 'row', onsubmit: async ev => {
      ev.preventDefault();
      const res = await SG.api('POST', '/admin/gm', { text: text.value });
      if (res.status === 200) {
        result.className = res.body.result === 0 ? 'ok' : 'error';
        result.textContent = res.body.resultName + ' (' + res.body.result + ')';
        output.textContent = res.body.output;
      } else {
        result.className = 'error';
        result.textContent = res.body.error;
        output.textContent = '';
      }
      history(past);
    } }, h('label', {}, '命令 Command', text), h('button', { id: 'gm-run', type: 'submit' }, '执行 Run')), result, output,
    h('h3', {}, '历史 History'), past);
    history(past);
  } });
})();
