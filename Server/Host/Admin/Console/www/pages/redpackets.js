'use strict';
// Red packets: one by id (sender, room, payment, state, shares, what is left, grabs, the top 5) or a room's packets not settled yet.
(() => {
  const { h } = SG;

  async function show(query, out) {
    const byRoom = query.startsWith('room:');
    const res = await SG.api('GET', '/admin/redpackets/' + encodeURIComponent(query));
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'redpacket-error' }, res.body.error)); return; }
    const p = res.body;
    if (byRoom) {
      out.replaceChildren(h('ul', { id: 'redpacket-room' }, p.packets.map(id => h('li', {},
        h('a', { href: '#/redpackets', onclick: ev => { ev.preventDefault(); show(id, out); } }, id)))));
      return;
    }
    out.replaceChildren(h('div', { class: 'card' },
      SG.table([['红包 Packet', x => x.packetid], ['发送者 Sender', x => x.sender], ['房间 Room', x => x.room], ['支付 Pay', x => x.pay],
        ['订单 Order', x => x.orderid], ['状态 State', x => x.state], ['金额 Total', x => x.total], ['份数 Shares', x => x.shares],
        ['剩余 Left', x => x.left]], [p], { id: 'redpacket-table' }),
      h('h3', {}, '领取 Grabs'), SG.table([['账号 Account', g => g.acc], ['金额 Amount', g => g.amount], ['时间 When', g => SG.time(g.time)]],
        p.grabs, { id: 'redpacket-grabs' }),
      h('p', {}, '手气最佳 Luckiest: ' + (p.luckiest || '-'))));
  }

  SG.page({ id: 'redpackets', title: '红包 Red packets', minRole: 'viewer', render(container) {
    const field = h('input', { id: 'redpacket-input', placeholder: 'packet id | room:<roomid>', required: true, size: 40 });
    const out = h('div', { id: 'redpacket-result' });
    container.append(h('form', { class: 'row', onsubmit: ev => { ev.preventDefault(); show(field.value.trim(), out); } },
      h('label', {}, '红包号或房间 Packet id, or room:<roomid>', field), h('button', { type: 'submit', id: 'redpacket-submit' }, '查询 Look up')), out);
  } });
})();
