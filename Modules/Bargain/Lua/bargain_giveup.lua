-- bargain giveup: the current bargain goes back to select, keeping its code and cuts.
-- KEYS: 1 period :player hash. ARGV: 1 account, 2 idx
-- Returns {outcome, code}: outcome ok | none (idx is not the current bargain)
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'none', ''} end
local p, helps = doc.open(raw, 'helplist')
local cur = p.getinggoods
if cur == nil or cur.code == nil or tonumber(cur.idx) ~= tonumber(ARGV[2]) then return {'none', ''} end
p.gotgoods = p.gotgoods or {}
p.selectgoods = p.selectgoods or {}
table.insert(p.selectgoods, cur)
p.getinggoods = {}
redis.call('HSET', KEYS[1], ARGV[1], doc.write(p, 'helplist', helps, nil, {'gotgoods', 'selectgoods'}))
return {'ok', cur.code}
