'use strict';
// Pass gifts: one by gift id (from, to, season, pay kind and order, state, time, refund), or acc:<account> for the gifts it sent and received.
(() => {
  const { h } = SG;
  const rows = [['礼物 Gift', g => g.giftid], ['赠送者 From', g => g.from], ['接收者 To', g => g.to], ['赛季 Season', g => g.season],
    ['支付 Pay', g => g.pay], ['状态 State', g => g.state], ['时间 When', g => SG.time(g.time * 1000)]];

  function refundText(r) {
    if (r.state === 'recorded') return '已记录退款 Refund recorded: ' + JSON.stringify(r.record);
    if (r.state === 'refunded') return '金币已退回 Gold returned (' + r.ledger + ')';
    return r.state === 'pending' ? '待退款 Refund pending' : '无 None';
  }

  async function show(query, out) {
    const res = await SG.api('GET', '/admin/passgifts/' + encodeURIComponent(query));
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'passgift-error' }, res.body.error)); return; }
    const g = res.body;
    if (query.startsWith('acc:')) {
      out.replaceChildren(h('div', { class: 'card' },
        h('h3', {}, '送出 Sent'), SG.table(rows, g.sent, { id: 'passgift-sent' }),
        h('h3', {}, '收到 Received'), SG.table(rows, g.received, { id: 'passgift-received' })));
      return;
    }
    out.replaceChildren(h('div', { class: 'card' },
      SG.table([...rows, ['订单 Order', x => x.orderid || '-']], [g], { id: 'passgift-table' }),
      h('p', { id: 'passgift-refund' }, '退款 Refund: ' + refundText(g.refund))));
  }

  SG.page({ id: 'passgifts', title: '通行证赠送 Pass gifts', minRole: 'viewer', render(container) {
    const field = h('input', { id: 'passgift-input', placeholder: 'gift id | acc:<account>', required: true, size: 40 });
    const out = h('div', { id: 'passgift-result' });
    container.append(h('form', { class: 'row', onsubmit: ev => { ev.preventDefault(); show(field.value.trim(), out); } },
      h('label', {}, '礼物号或账号 Gift id, or acc:<account>', field), h('button', { type: 'submit', id: 'passgift-submit' }, '查询 Look up')), out);
  } });
})();
