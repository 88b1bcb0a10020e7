-- bargain help: every limit checked and the help written in one atomic step.
-- KEYS: 1 period :player hash, 2 period :code hash, 3 period :help hash
-- ARGV: 1 helper account, 2 code, 3 ip, 4 device id, 5 accounts per ip, 6 accounts per device,
--       7 helps per account, 8 amount if this is the helper's first help, 9 amount of a later help,
--       10 n goods, then n pairs (idx, price - floorprice)
-- Returns {outcome, delprice, totaldelprice, master, idx, goodsid}; outcome ok | not_exist | not_self | nogoods
--   | over | none | already | user_once | limit_account | limit_ip | limit_device
-- The code's helperlist and the players' helplists are handled as JSON text (bargain_doc), so a help costs
-- the same whether a code has 5 helpers or 500.
local function has(list, value)
  for _, x in ipairs(list) do if x == value then return true end end
  return false
end

local helper, code, ip, device = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local craw = redis.call('HGET', KEYS[2], code)
if not craw then return {'not_exist'} end
local c, helpers = doc.open(craw, 'helperlist')
if c.master == helper then return {'not_self'} end
local maxcut
for i = 1, tonumber(ARGV[10]) do
  if tonumber(ARGV[9 + 2 * i]) == tonumber(c.idx) then maxcut = tonumber(ARGV[10 + 2 * i]) end
end
if not maxcut then return {'nogoods'} end
local total = tonumber(c.totaldelprice)
if tonumber(c.isget) ~= 0 or total >= maxcut then return {'over'} end

local m = doc.open(redis.call('HGET', KEYS[1], c.master), 'helplist', true)
local open = type(m.getinggoods) == 'table' and m.getinggoods.code == code
for _, s in ipairs(m.selectgoods or {}) do if s.code == code then open = true end end
if not open then return {'none'} end

local p, helps = doc.open(redis.call('HGET', KEYS[1], helper), 'helplist')
p.gotgoods = p.gotgoods or {}
p.selectgoods = p.selectgoods or {}
if p.getinggoods == nil then p.getinggoods = {} end
if doc.has(helps, 'code', code) then return {'already'} end
if doc.has(helps, 'acc', c.master) then return {'user_once'} end
-- An item is at least 33 characters ({"code":"","acc":"","delprice":0}) plus a comma: a text shorter
-- than that many items cannot hold limit of them, and is not counted.
local limit = tonumber(ARGV[7])
if #helps >= 33 * limit and doc.count(helps, 'code', limit) >= limit then return {'limit_account'} end
local iplist = cjson.decode(redis.call('HGET', KEYS[3], ip) or '[]')
if not has(iplist, helper) and #iplist >= tonumber(ARGV[5]) then return {'limit_ip'} end
local devlist = cjson.decode(redis.call('HGET', KEYS[3], device) or '[]')
if not has(devlist, helper) and #devlist >= tonumber(ARGV[6]) then return {'limit_device'} end

local amount = tonumber(ARGV[9])
if helps == '' then amount = tonumber(ARGV[8]) end
amount = math.min(amount, maxcut - total)
total = total + amount
c.totaldelprice = total
redis.call('HSET', KEYS[2], code, doc.write(c, 'helperlist', helpers, {acc = helper, delprice = amount}))
redis.call('HSET', KEYS[1], helper, doc.write(p, 'helplist', helps, {code = code, acc = c.master, delprice = amount}, {'gotgoods', 'selectgoods'}))
if not has(iplist, helper) then
  table.insert(iplist, helper)
  redis.call('HSET', KEYS[3], ip, cjson.encode(iplist))
end
if not has(devlist, helper) then
  table.insert(devlist, helper)
  redis.call('HSET', KEYS[3], device, cjson.encode(devlist))
end
return {'ok', amount, total, c.master, tonumber(c.idx), tonumber(c.goodsid)}
