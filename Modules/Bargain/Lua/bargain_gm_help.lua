-- bargain GM help (op 1000): cuts a code with no help limits; only the code's data changes.
-- KEYS: 1 period :code hash. ARGV: 1 code, 2 GM account, 3 amount, 4 n goods, then n pairs (idx, price - floorprice)
-- Returns {outcome, delprice, totaldelprice, master, idx, goodsid}; outcome ok | not_exist | nogoods | over | free
local craw = redis.call('HGET', KEYS[1], ARGV[1])
if not craw then return {'not_exist'} end
local c, helpers = doc.open(craw, 'helperlist')
local maxcut
for i = 1, tonumber(ARGV[4]) do
  if tonumber(ARGV[3 + 2 * i]) == tonumber(c.idx) then maxcut = tonumber(ARGV[4 + 2 * i]) end
end
if not maxcut then return {'nogoods'} end
if tonumber(c.isget) ~= 0 then return {'over'} end
local total = tonumber(c.totaldelprice)
if total >= maxcut then return {'free'} end
local amount = math.min(tonumber(ARGV[3]), maxcut - total)
total = total + amount
c.totaldelprice = total
redis.call('HSET', KEYS[1], ARGV[1], doc.write(c, 'helperlist', helpers, {acc = ARGV[2], delprice = amount}))
return {'ok', amount, total, c.master, tonumber(c.idx), tonumber(c.goodsid)}
