-- bargain help: every limit checked and the help written in one atomic step.
-- KEYS: 1 period :player hash, 2 period :code hash, 3 period :help hash
-- ARGV: 1 helper account, 2 code, 3 ip, 4 device id, 5 accounts per ip, 6 accounts per device,
--       7 helps per account, 8 amount if this is the helper's first help, 9 amount of a later help,
--       10 n goods, then n pairs (idx, price - floorprice)
-- Returns {outcome, delprice, totaldelprice, master, idx, goodsid}; outcome ok | not_exist | not_self | nogoods
--   | over | none | already | user_once | limit_account | limit_ip | limit_device
local function enc(t, ...)
  local json = cjson.encode(t)
  for _, f in ipairs({...}) do json = string.gsub(json, '"' .. f .. '":{}', '"' .. f .. '":[]') end
  return json
end
local function has(list, value)
  for _, x in ipairs(list) do if x == value then return true end end
  return false
end

local helper, code, ip, device = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local craw = redis.call('HGET', KEYS[2], code)
if not craw then return {'not_exist'} end
local c = cjson.decode(craw)
if c.master == helper then return {'not_self'} end
local maxcut
for i = 1, tonumber(ARGV[10]) do
  if tonumber(ARGV[9 + 2 * i]) == tonumber(c.idx) then maxcut = tonumber(ARGV[10 + 2 * i]) end
end
if not maxcut then return {'nogoods'} end
local total = tonumber(c.totaldelprice)
if tonumber(c.isget) ~= 0 or total >= maxcut then return {'over'} end

local mraw = redis.call('HGET', KEYS[1], c.master)
local open = false
if mraw then
  local m = cjson.decode(mraw)
  if type(m.getinggoods) == 'table' and m.getinggoods.code == code then open = true end
  for _, s in ipairs(m.selectgoods or {}) do if s.code == code then open = true end end
end
if not open then return {'none'} end

local hraw = redis.call('HGET', KEYS[1], helper)
local p = hraw and cjson.decode(hraw) or {}
p.gotgoods = p.gotgoods or {}
p.selectgoods = p.selectgoods or {}
p.helplist = p.helplist or {}
if p.getinggoods == nil then p.getinggoods = {} end
for _, h in ipairs(p.helplist) do if h.code == code then return {'already'} end end
for _, h in ipairs(p.helplist) do if h.acc == c.master then return {'user_once'} end end
if #p.helplist >= tonumber(ARGV[7]) then return {'limit_account'} end
local iplist = cjson.decode(redis.call('HGET', KEYS[3], ip) or '[]')
if not has(iplist, helper) and #iplist >= tonumber(ARGV[5]) then return {'limit_ip'} end
local devlist = cjson.decode(redis.call('HGET', KEYS[3], device) or '[]')
if not has(devlist, helper) and #devlist >= tonumber(ARGV[6]) then return {'limit_device'} end

local amount = tonumber(ARGV[9])
if #p.helplist == 0 then amount = tonumber(ARGV[8]) end
amount = math.min(amount, maxcut - total)
total = total + amount
c.totaldelprice = total
c.helperlist = c.helperlist or {}
table.insert(c.helperlist, {acc = helper, delprice = amount})
redis.call('HSET', KEYS[2], code, enc(c, 'helperlist'))
table.insert(p.helplist, {code = code, acc = c.master, delprice = amount})
redis.call('HSET', KEYS[1], helper, enc(p, 'gotgoods', 'selectgoods', 'helplist'))
if not has(iplist, helper) then
  table.insert(iplist, helper)
  redis.call('HSET', KEYS[3], ip, cjson.encode(iplist))
end
if not has(devlist, helper) then
  table.insert(devlist, helper)
  redis.call('HSET', KEYS[3], device, cjson.encode(devlist))
end
return {'ok', amount, total, c.master, tonumber(c.idx), tonumber(c.goodsid)}
