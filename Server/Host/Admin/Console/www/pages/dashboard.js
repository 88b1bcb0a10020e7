'use strict';
// The dashboard: this node's connections, requests per second by module, the p99 handler latency and Redis errors over the last
// minutes (GET /admin/metrics/history), drawn with Chart.js.
(() => {
  const { h } = SG;
  const palette = ['#2f6fde', '#e0672b', '#2a9d55', '#b03aa8', '#c9a227', '#16a3b8', '#7a5c3e', '#d6336c', '#555'];

  function chart(canvas, type, title, datasets) {
    return new Chart(canvas, { type, data: { labels: [], datasets }, options: { animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: title } }, scales: { y: { beginAtZero: true } } } });
  }

  SG.page({ id: 'dashboard', title: '仪表盘 Dashboard', minRole: 'viewer', render(container) {
    const info = h('p', { id: 'dashboard-node', class: 'muted' });
    const canvases = [0, 1, 2, 3].map(i => h('canvas', { id: 'chart-' + i }));
    container.append(info, h('div', { class: 'charts' }, canvases.map(c => h('div', { class: 'chart' }, c))));
    const connections = chart(canvases[0], 'line', '连接 Connections', [{ label: 'connections', data: [], borderColor: palette[0] },
      { label: 'logged in', data: [], borderColor: palette[1] }]);
    const requests = chart(canvases[1], 'line', '每秒请求 Requests/s by module', []);
    const p99 = chart(canvases[2], 'line', 'p99 (ms)', [{ label: 'p99 ms', data: [], borderColor: palette[2] }]);
    const redis = chart(canvases[3], 'bar', 'Redis 错误 errors', [{ label: 'redis errors', data: [], backgroundColor: palette[7] }]);
    async function refresh() {
      const res = await SG.api('GET', '/admin/metrics/history');
      if (res.status !== 200) return;
      const pts = res.body.points;
      info.textContent = '节点 node ' + res.body.node + ' · ' + pts.length + ' points, every ' + res.body.periodSeconds + 's';
      const labels = pts.map(p => new Date(p.at).toISOString().slice(11, 19));
      for (const c of [connections, requests, p99, redis]) c.data.labels = labels;
      connections.data.datasets[0].data = pts.map(p => p.connections);
      connections.data.datasets[1].data = pts.map(p => p.loggedIn);
      const modules = [...new Set(pts.flatMap(p => Object.keys(p.requestsPerSecond)))].sort();
      requests.data.datasets = modules.map((m, i) => ({ label: m, data: pts.map(p => p.requestsPerSecond[m] || 0),
        borderColor: palette[i % palette.length] }));
      p99.data.datasets[0].data = pts.map(p => p.p99Ms);
      redis.data.datasets[0].data = pts.map(p => p.redisErrors);
      for (const c of [connections, requests, p99, redis]) c.update();
    }
    refresh();
    SG.every(5000, refresh);
  } });
})();
