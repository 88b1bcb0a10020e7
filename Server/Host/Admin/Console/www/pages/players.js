'use strict';
// Players (look an account up: profile, wallet, inventory, ledger tail, friends, online node, cancellation) and orders (by id, or an
// account's unpaid ones; re-run a stuck fulfilment).
(() => {
  const { h } = SG;

  function section(title, content) { return h('div', { class: 'card' }, h('h3', {}, title), content); }

  async function lookup(acc, out) {
    const [res, records] = await Promise.all([SG.api('GET', '/admin/players/' + encodeURIComponent(acc)),
      SG.api('GET', '/admin/account/' + encodeURIComponent(acc) + '/records')]);
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'player-error' }, res.body.error)); return; }
    const p = res.body;
    out.replaceChildren(
      section('资料 Profile', SG.json(p.profile)),
      section('在线 Online', h('p', { id: 'player-node' }, p.node ? '节点 node ' + p.node : '离线 offline')),
      section('钱包 Wallet', SG.table([['货币 Currency', e => e[0]], ['余额 Balance', e => e[1]]], Object.entries(p.wallet), { id: 'player-wallet' })),
      section('背包 Inventory', SG.table([['ID', i => i.id], ['名称 Name', i => i.name], ['数量 Count', i => i.count],
        ['过期 Expires', i => (i.expire ? SG.time(i.expire * 1000) : '-')]], p.inventory)),
      section('流水 Ledger (newest ' + p.ledger.length + ')', SG.table([['ID', e => e.id], ['内容 Fields', e => e.fields]], p.ledger)),
      section('好友 Friends', h('p', {}, p.friends.length ? p.friends.join(', ') : '-')),
      section('未支付订单 Unpaid orders', SG.table([['订单 Order', o => o.orderid], ['商品 Product', o => o.productid], ['金额 Amount', o => o.amount],
        ['状态 State', o => o.state]], p.unpaidOrders)),
      section('注销 Cancellation', records.status === 200 ? SG.json(records.body.cancellation) : h('p', { class: 'error' }, records.body.error)));
  }

  async function order(id, out) {
    const res = await SG.api('GET', '/pay/order/' + encodeURIComponent(id));
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'order-error' }, res.body.error)); return; }
    const o = res.body;
    const status = h('p', { id: 'order-status' });
    const rerun = SG.forRole('operator', h('button', { id: 'order-fulfil', type: 'button', onclick: async () => {
      const r = await SG.api('POST', '/admin/orders/' + encodeURIComponent(id) + '/fulfil');
      status.className = r.status === 200 ? 'ok' : 'error';
      status.textContent = r.status === 200 ? '已履约 Fulfilled' : r.body.error;
      if (r.status === 200) order(id, out);
    } }, '重新履约 Re-run fulfilment'));
    if (o.state !== 'PAID') rerun.hidden = true;
    out.replaceChildren(h('div', { class: 'card', id: 'order-card' },
      SG.table([['订单 Order', x => x.orderid], ['账号 Account', x => x.acc], ['商品 Product', x => x.productid], ['金额 Amount', x => x.amount],
        ['状态 State', x => x.state], ['交易 Transaction', x => x.txid]], [o], { id: 'order-table' }), rerun, status));
  }

  function form(id, label, onsubmit) {
    const field = h('input', { id: id + '-input', placeholder: label, required: true });
    const out = h('div', { id: id + '-result' });
    return [h('form', { class: 'row', id: id + '-form', onsubmit: ev => { ev.preventDefault(); onsubmit(field.value.trim(), out); } },
      h('label', {}, label, field), h('button', { type: 'submit', id: id + '-submit' }, '查询 Look up')), out];
  }

  SG.page({ id: 'players', title: '玩家 Players', minRole: 'viewer', render(container) {
    container.append(...form('player', '账号 Account', lookup));
  } });
  SG.page({ id: 'orders', title: '订单 Orders', minRole: 'viewer', render(container) {
    container.append(...form('order', '订单号 Order id', order));
  } });
})();
