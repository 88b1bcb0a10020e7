'use strict';
// Starts the console: the sign-in form, sign-out, and the page of the address.
document.getElementById('login').addEventListener('submit', async ev => {
  ev.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const name = document.getElementById('login-name').value, password = document.getElementById('login-password').value;
  const res = await SG.api('POST', '/console/login', { name, password });
  if (res.status === 200) {
    document.getElementById('login-password').value = '';
    SG.signedIn(res.body);
  } else {
    error.textContent = res.body.error + (res.body.retryAfter ? ' (' + res.body.retryAfter + 's)' : '');
  }
});
document.getElementById('logout').addEventListener('click', async () => {
  await SG.api('POST', '/console/logout');
  SG.showLogin();
});
window.addEventListener('hashchange', SG.route);
(async () => {
  const res = await SG.api('GET', '/console/session');
  if (res.status === 200) SG.signedIn(res.body); else SG.showLogin();
})();
