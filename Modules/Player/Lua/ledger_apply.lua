-- The one path of every balance and item change of an account, atomic and idempotent.
-- KEYS: 1 wallet hash, 2 ledger stream, 3 idempotency key, 4 inventory hash, 5.. the operation's counters (in the account's slot)
-- ARGV: 1 account, 2 idempotency key, 3 reason, 4 now (unix s), 5 key ttl (s), 6 fingerprint,
--       7 max balance, 8 n currencies, then n pairs (currency, delta),
--       then m items, then m quadruples (itemid, count, duration seconds per unit (0 permanent), stackable 0/1),
--       then c counters (c = #KEYS - 4), then c triples (limit, increment, expire at unix s (0: never)); ARGV may end after
--       the items (no counters)
-- Returns JSON: {status=applied|replayed|conflict|insufficient|insufficient_items|limit|closed|counter_limit, ...}
-- A counter over its limit refuses the operation with counter_limit (short = its key); nothing is written.
-- A negative increment gives counted uses back (a refunded purchase): never below zero, and a counter that is gone (its
-- period over) stays gone.
-- A deleted account's ledger ends with a closing entry (ledger_close.lua; every entry after it has a `closed`
-- field): an operation is then refused ('closed'), nothing else is written, and the refusal is appended once per
-- key (`refused` = the key, the changes as text, no cur/delta, so a balance recomputed from the stream stays right).
local function closed_field(entry)
  for j = 1, #entry[2] - 1, 2 do
    if entry[2][j] == 'closed' then return entry[2][j + 1] end
  end
  return nil
end
local tail = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if tail[1] and closed_field(tail[1]) then
  local after = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1000)
  for _, entry in ipairs(after) do
    local f = entry[2]
    local is_closing, seen = true, false
    for j = 1, #f - 1, 2 do
      if f[j] == 'refused' then
        is_closing = false
        if f[j + 1] == ARGV[2] then seen = true end
      end
    end
    if seen then return cjson.encode({status = 'closed'}) end
    if is_closing then break end
  end
  local changes, k = {}, 8
  for _ = 1, tonumber(ARGV[k]) do
    changes[#changes + 1] = ARGV[k + 1] .. ':' .. ARGV[k + 2]
    k = k + 2
  end
  k = k + 1
  for _ = 1, tonumber(ARGV[k]) do
    changes[#changes + 1] = '#' .. ARGV[k + 1] .. ':' .. ARGV[k + 2]
    k = k + 4
  end
  redis.call('XADD', KEYS[2], '*', 'acc', ARGV[1], 'closed', closed_field(tail[1]), 'refused', ARGV[2],
    'changes', table.concat(changes, ','), 'reason', ARGV[3], 'time', ARGV[4])
  return cjson.encode({status = 'closed'})
end

local stored = redis.call('GET', KEYS[3])
if stored then
  local prev = cjson.decode(stored)
  if prev.fp ~= ARGV[6] then
    return cjson.encode({status = 'conflict'})
  end
  prev.status = 'replayed'
  return cjson.encode(prev)
end

local now = tonumber(ARGV[4])
local max = tonumber(ARGV[7])
local i = 8
local currencies = {}
for _ = 1, tonumber(ARGV[i]) do
  local cur, delta = ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 2
  local balance = tonumber(redis.call('HGET', KEYS[1], cur) or '0')
  if balance + delta < 0 then
    return cjson.encode({status = 'insufficient', short = cur})
  end
  if balance + delta > max then
    return cjson.encode({status = 'limit', short = cur})
  end
  currencies[#currencies + 1] = {cur, delta}
end
i = i + 1

local items = {}
for _ = 1, tonumber(ARGV[i]) do
  local id, count, duration, stackable = ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), ARGV[i + 4] == '1'
  i = i + 4
  local raw = redis.call('HGET', KEYS[4], id)
  local item = raw and cjson.decode(raw) or {count = 0, expire = 0}
  local held = item.count
  if item.expire > 0 and item.expire <= now then held = 0 end
  if count < 0 then
    if held + count < 0 then
      return cjson.encode({status = 'insufficient_items', short = id})
    end
    item.count = held + count
  else
    if stackable then item.count = held + count else item.count = 1 end
    if duration > 0 then
      -- extensions add up, but never past 2100-01-01 (cjson writes larger numbers in exponent form)
      local from = item.expire > now and item.expire or now
      item.expire = math.min(from + duration * count, 4102444800)
    else
      item.expire = 0
    end
  end
  items[#items + 1] = {id, item, count}
end
i = i + 1

local counters = {}
for c = 1, tonumber(ARGV[i] or '0') do
  local limit, inc, expire_at = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  i = i + 3
  local key = KEYS[4 + c]
  -- a give-back is never refused: the counter may be above the limit the payment saw (raised for later buys since)
  if inc > 0 and tonumber(redis.call('GET', key) or '0') + inc > limit then
    return cjson.encode({status = 'counter_limit', short = key})
  end
  counters[#counters + 1] = {key, inc, expire_at}
end

local balances = {}
for _, c in ipairs(currencies) do
  local balance = redis.call('HINCRBY', KEYS[1], c[1], c[2])
  balances[c[1]] = balance
  redis.call('XADD', KEYS[2], '*', 'acc', ARGV[1], 'cur', c[1], 'delta', c[2], 'bal', balance,
    'reason', ARGV[3], 'key', ARGV[2], 'time', now)
end
local granted = {}
for _, x in ipairs(items) do
  redis.call('HSET', KEYS[4], x[1], cjson.encode(x[2]))
  granted[x[1]] = x[2]
  redis.call('XADD', KEYS[2], '*', 'acc', ARGV[1], 'item', x[1], 'delta', x[3], 'count', x[2].count,
    'expire', x[2].expire, 'reason', ARGV[3], 'key', ARGV[2], 'time', now)
end

for _, c in ipairs(counters) do
  if c[2] < 0 then
    local back = math.min(tonumber(redis.call('GET', c[1]) or '0'), -c[2])
    if back > 0 then redis.call('DECRBY', c[1], back) end
  else
    redis.call('INCRBY', c[1], c[2])
    if c[3] > 0 then redis.call('EXPIREAT', c[1], c[3]) end
  end
end

local outcome = {status = 'applied', fp = ARGV[6], balances = balances, items = granted, time = now}
redis.call('SET', KEYS[3], cjson.encode(outcome), 'EX', tonumber(ARGV[5]))
return cjson.encode(outcome)
