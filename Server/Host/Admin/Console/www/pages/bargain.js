'use strict';
// Bargain codes: one by code (owner, period, goods, every helper's cut, the totals: system cut + helpers = total cut, state).
(() => {
  const { h } = SG;

  async function show(code, out) {
    const res = await SG.api('GET', '/admin/bargain/codes/' + encodeURIComponent(code));
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'bargain-error' }, res.body.error)); return; }
    const c = res.body, t = c.totals;
    out.replaceChildren(h('div', { class: 'card' },
      SG.table([['砍价码 Code', x => x.code], ['发起人 Owner', x => x.owner], ['活动期 Period', x => x.period.id + ' ' + x.period.name],
        ['商品 Goods', x => x.goods.goodsid + ' (idx ' + x.goods.idx + ')'], ['原价 Price', x => x.goods.price], ['底价 Floor', x => x.goods.floorprice],
        ['发起时间 Started', x => SG.time(x.createtime * 1000)], ['状态 State', x => x.state]], [c], { id: 'bargain-table' }),
      h('h3', {}, '助力 Helpers'),
      SG.table([['账号 Account', x => x.acc], ['砍掉 Amount', x => x.amount]], c.helpers, { id: 'bargain-helpers' }),
      h('p', { id: 'bargain-totals' }, '系统砍价 System cut ' + t.system + ' + 助力 helpers ' + t.helpers + ' = 共砍 total cut ' + t.total +
        ' / 最多 at most ' + c.goods.maxcut),
      h('p', { class: 'muted' }, '每次助力的时间见数据日志 The time of each help is its "bargain help" datalog line.')));
  }

  SG.page({ id: 'bargain', title: '砍价码 Bargain codes', minRole: 'viewer', render(container) {
    const field = h('input', { id: 'bargain-input', placeholder: 'ABCD2345', required: true, size: 14 });
    const out = h('div', { id: 'bargain-result' });
    container.append(h('form', { class: 'row', onsubmit: ev => { ev.preventDefault(); show(field.value.trim(), out); } },
      h('label', {}, '砍价码 Bargain code', field), h('button', { type: 'submit', id: 'bargain-submit' }, '查询 Look up')), out);
  } });
})();
