-- bargain start: a new bargain on a goods, or the switch back to a goods selected earlier.
-- KEYS: 1 period :player hash, 2 period :code hash
-- ARGV: 1 account, 2 idx, 3 goodsid, 4 getcount (completions allowed), 5 max bargains at once,
--       6 candidate code, 7 system cut, 8 price - floorprice, 9 now (unix s)
-- Returns {outcome, code, code json}: outcome new | swap | select_cur | doing | had | limit | collision
local acc, idx, goodsid = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local p, helps = doc.open(redis.call('HGET', KEYS[1], acc), 'helplist')
p.gotgoods = p.gotgoods or {}
p.selectgoods = p.selectgoods or {}
local cur = p.getinggoods
if cur == nil or cur.code == nil then cur = nil end
local function save()
  redis.call('HSET', KEYS[1], acc, doc.write(p, 'helplist', helps, nil, {'gotgoods', 'selectgoods'}))
end

if cur and tonumber(cur.idx) == idx then return {'select_cur', cur.code, ''} end

for i, s in ipairs(p.selectgoods) do
  if tonumber(s.idx) == idx then
    local craw = redis.call('HGET', KEYS[2], s.code)
    if craw and tonumber(doc.open(craw, 'helperlist', true).isget) == 2 then return {'doing', s.code, ''} end
    table.remove(p.selectgoods, i)
    if cur then table.insert(p.selectgoods, cur) end
    p.getinggoods = s
    save()
    return {'swap', s.code, craw or ''}
  end
end

local got = 0
for _, g in ipairs(p.gotgoods) do
  if tonumber(g.idx) == idx then got = got + tonumber(g.getcount) end
end
if got >= tonumber(ARGV[4]) then return {'had', '', ''} end
local active = #p.selectgoods
if cur then active = active + 1 end
if active >= tonumber(ARGV[5]) then return {'limit', '', ''} end

local code = ARGV[6]
local cut = math.max(0, math.min(tonumber(ARGV[7]), tonumber(ARGV[8])))
local c = {isget = 0, master = acc, goodsid = goodsid, idx = idx, code = code,
  totaldelprice = cut, sysdelprice = cut, createtime = tonumber(ARGV[9])}
local cjs = doc.write(c, 'helperlist', '')
if redis.call('HSETNX', KEYS[2], code, cjs) == 0 then return {'collision', code, ''} end
if cur then table.insert(p.selectgoods, cur) end
p.getinggoods = {idx = idx, goodsid = goodsid, code = code}
save()
return {'new', code, cjs}
