-- Closes the ledger of an account being deleted: appends the closing entry, after which ledger_apply.lua refuses
-- every operation of the account (and records the refusal in this stream), so nothing late recreates its wallet,
-- inventory or idempotency keys. Closing a closed ledger changes nothing.
-- KEYS: 1 ledger stream. ARGV: 1 account, 2 now (unix s).
-- Returns 'closed' (closed now) or 'already'.
local tail = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if tail[1] then
  for j = 1, #tail[1][2] - 1, 2 do
    if tail[1][2][j] == 'closed' then return 'already' end
  end
end
redis.call('XADD', KEYS[1], '*', 'acc', ARGV[1], 'closed', ARGV[2], 'reason', 'account deleted', 'time', ARGV[2])
return 'closed'
