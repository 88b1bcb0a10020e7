-- bargain getgoods, step 3 (after the ledger paid and granted): the code is received (isget 1), it leaves
-- getinggoods/selectgoods and the goods' getcount grows. Idempotent: a second call changes nothing.
-- KEYS: 1 period :player hash, 2 period :code hash. ARGV: 1 account, 2 code
-- Returns {outcome}: done | already | none
local acc, code = ARGV[1], ARGV[2]
local craw = redis.call('HGET', KEYS[2], code)
if not craw then return {'none'} end
local c, helpers = doc.open(craw, 'helperlist')
if tonumber(c.isget) == 1 then return {'already'} end
c.isget = 1
redis.call('HSET', KEYS[2], code, doc.write(c, 'helperlist', helpers))

local p, helps = doc.open(redis.call('HGET', KEYS[1], acc), 'helplist')
p.gotgoods = p.gotgoods or {}
p.selectgoods = p.selectgoods or {}
if type(p.getinggoods) ~= 'table' or p.getinggoods.code == code then p.getinggoods = {} end
for i = #p.selectgoods, 1, -1 do
  if p.selectgoods[i].code == code then table.remove(p.selectgoods, i) end
end
local counted = false
for _, g in ipairs(p.gotgoods) do
  if tonumber(g.idx) == tonumber(c.idx) then
    g.getcount = tonumber(g.getcount) + 1
    g.goodsid = c.goodsid
    counted = true
  end
end
if not counted then table.insert(p.gotgoods, {idx = c.idx, goodsid = c.goodsid, getcount = 1}) end
redis.call('HSET', KEYS[1], acc, doc.write(p, 'helplist', helps, nil, {'gotgoods', 'selectgoods'}))
return {'done'}
