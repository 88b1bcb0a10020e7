'use strict';
// Ranking settlements: a board's period (not ended, settling, settled), its final places with each reward and whether it was
// granted, and the live top 20 of the current period.
(() => {
  const { h } = SG;
  const states = { not_ended: '未结束 Not ended', settling: '结算中 Settling', settled: '已结算 Settled', gone: '已过期 No longer kept' };

  function rewards(list) { return (list || []).map(r => r.kind + ' ' + r.id + ' x' + r.amount).join(', ') || '-'; }

  async function show(board, period, out) {
    const res = await SG.api('GET', '/admin/rank/' + encodeURIComponent(board) + (period ? '?period=' + encodeURIComponent(period) : ''));
    if (res.status !== 200) { out.replaceChildren(h('p', { class: 'error', id: 'rank-error' }, res.body.error)); return; }
    const r = res.body;
    out.replaceChildren(
      h('div', { class: 'card' }, h('h3', {}, r.board.name + ' — ' + r.period),
        h('p', { id: 'rank-settlement' }, '结算 Settlement: ' + (states[r.settlement] || r.settlement) +
          (r.settledat ? ' (' + SG.time(r.settledat * 1000) + ')' : '')),
        SG.table([['名次 Place', p => p.rank], ['账号 Account', p => p.acc], ['分数 Score', p => p.score], ['奖励 Rewards', p => rewards(p.rewards)],
          ['已发放 Granted', p => (p.rewards ? (p.granted ? '✓' : '✗') : '-')]], r.final, { id: 'rank-final' })),
      h('div', { class: 'card' }, h('h3', {}, '当前榜单 Live top 20 — ' + r.current.period),
        SG.table([['名次 Place', e => e.rank], ['账号 Account', e => e.acc], ['昵称 Nickname', e => e.nickname], ['分数 Score', e => e.score]],
          r.current.top, { id: 'rank-live' })));
  }

  SG.page({ id: 'rankings', title: '排行结算 Rankings', minRole: 'viewer', render(container) {
    const board = h('input', { id: 'rank-board', placeholder: 'charm_day', required: true, size: 16 });
    const period = h('input', { id: 'rank-period', placeholder: 'yyyyMMdd', size: 10 });
    const out = h('div', { id: 'rank-result' });
    container.append(h('form', { class: 'row', onsubmit: ev => { ev.preventDefault(); show(board.value.trim(), period.value.trim(), out); } },
      h('label', {}, '榜单 Board', board), h('label', {}, '期 Period (空: 当前 empty: current)', period),
      h('button', { type: 'submit', id: 'rank-submit' }, '查询 Look up')), out);
  } });
})();
