'use strict';
// Stores (module 16): each store's tabs and items (price, original price, window, rules, limits, stock) with the units sold and the
// stock left from GET /admin/stores/sales, and a reload of Config/stores.json through the GM route. Stores are edited in that file.
(() => {
  const { h } = SG;

  function rules(i) {
    const r = [];
    if (i.minVipLevel) r.push('VIP ≥ ' + i.minVipLevel);
    if (i.maxVipLevel) r.push('VIP ≤ ' + i.maxVipLevel);
    if (i.minVersion) r.push('版本 version ≥ ' + i.minVersion);
    if (i.maxVersion) r.push('版本 version ≤ ' + i.maxVersion);
    if (i.activity) r.push('活动 activity ' + i.activity);
    if (i.notIfOwned) r.push('未拥有 not if owned');
    return r.join(', ');
  }

  function limits(l) {
    return Object.entries(l || {}).filter(([, v]) => typeof v === 'number' && v > 0).map(([k, v]) => k + ' ' + v).join(', ');
  }

  const COLUMNS = [
    ['ID', i => i.id], ['名称 Name', i => i.name], ['分类 Category', i => i.category],
    ['价格 Price', i => (i.productId ? 'RMB ' + i.productId : i.price + ' ' + i.currency)], ['原价 Original', i => i.originalPrice || ''],
    ['窗口 Window', i => (i.begin || i.end ? (i.begin || '…') + ' – ' + (i.end || '…') : '')], ['规则 Rules', rules],
    ['限购 Limits', i => limits(i.limits)], ['库存 Stock', i => i.stock ?? ''],
  ];

  function itemTable(store, tab, items, sales) {
    return h('table', { class: 'store-items', 'data-store': store.id, 'data-tab': tab.id },
      h('thead', {}, h('tr', {}, COLUMNS.map(c => h('th', {}, c[0])), h('th', {}, '已售 Sold'), h('th', {}, '剩余 Left'))),
      h('tbody', {}, items.map(i => {
        const s = sales.get(store.id + '/' + i.id) || { sold: 0, stock: null };
        return h('tr', { 'data-item': store.id + '/' + i.id }, COLUMNS.map(c => h('td', {}, String(c[1](i) ?? ''))),
          h('td', { class: 'sold' }, String(s.sold)), h('td', { class: 'left' }, s.stock === null ? '' : String(s.stock)));
      })));
  }

  async function render(container) {
    const [stores, sold] = await Promise.all([SG.api('GET', '/admin/stores'), SG.api('GET', '/admin/stores/sales')]);
    if (stores.status !== 200 || sold.status !== 200) {
      container.append(h('p', { class: 'error' }, (stores.status !== 200 ? stores : sold).body.error));
      return;
    }
    const sales = new Map(sold.body.items.map(s => [s.store + '/' + s.item, s]));
    const status = h('p', { id: 'store-status', role: 'status' });
    container.append(h('div', { class: 'row' },
      SG.forRole('operator', h('button', { id: 'store-reload', type: 'button', onclick: () => reload(status) },
        '重新加载配置文件 Reload stores.json')),
      h('button', { id: 'store-refresh', type: 'button', onclick: () => SG.route() }, '刷新 Refresh')), status);
    for (const store of stores.body.stores)
      container.append(h('h2', {}, store.name + ' (' + store.id + ')' + (store.minVipLevel ? ' · VIP ≥ ' + store.minVipLevel : '')),
        ...store.tabs.map(tab => h('section', {}, h('h3', {}, tab.name + ' (' + tab.id + ')'),
          itemTable(store, tab, store.items.filter(i => i.tab === tab.id), sales))));
  }

  async function reload(status) {
    const res = await SG.api('POST', '/admin/gm', { text: 'store reload' });
    status.className = res.status === 200 && res.body.result === 0 ? 'ok' : 'error';
    status.textContent = res.status === 200 ? res.body.resultName + ': ' + res.body.output : res.body.error;
  }

  SG.page({ id: 'stores', title: '商城 Stores', minRole: 'viewer', render });
})();
