-- bargain getgoods, step 1: marks the code as being collected (isget 2), which freezes its cuts
-- (helps answer help_over from here on). Step 2 is the idempotent ledger operation, step 3 bargain_pay_finish.
-- A code left at isget 2 by a crash is resumed by the next getgoods (outcome resume).
-- KEYS: 1 period :player hash, 2 period :code hash
-- ARGV: 1 account, 2 code, 3 idx, 4 goodsid, 5 getcount (completions allowed)
-- Returns {outcome, totaldelprice}: outcome pay | resume | none | mismatch | over | had
local acc, code = ARGV[1], ARGV[2]
local craw = redis.call('HGET', KEYS[2], code)
if not craw then return {'none', 0} end
local c, helpers = doc.open(craw, 'helperlist')
if c.master ~= acc then return {'none', 0} end
if tonumber(c.idx) ~= tonumber(ARGV[3]) or tonumber(c.goodsid) ~= tonumber(ARGV[4]) then return {'mismatch', 0} end
local isget = tonumber(c.isget)
if isget == 1 then return {'over', 0} end
if isget == 2 then return {'resume', tonumber(c.totaldelprice)} end

local raw = redis.call('HGET', KEYS[1], acc)
if not raw then return {'none', 0} end
local p = doc.open(raw, 'helplist', true)
local open = type(p.getinggoods) == 'table' and p.getinggoods.code == code
for _, s in ipairs(p.selectgoods or {}) do if s.code == code then open = true end end
if not open then return {'none', 0} end
local got = 0
for _, g in ipairs(p.gotgoods or {}) do
  if tonumber(g.idx) == tonumber(c.idx) then got = got + tonumber(g.getcount) end
end
if got >= tonumber(ARGV[5]) then return {'had', 0} end

c.isget = 2
redis.call('HSET', KEYS[2], code, doc.write(c, 'helperlist', helpers))
return {'pay', tonumber(c.totaldelprice)}
