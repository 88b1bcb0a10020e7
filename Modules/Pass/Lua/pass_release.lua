-- Gives back the rewards of a claim the ledger refused (a balance at its maximum): they are claimable again.
-- KEYS: 1 the account's season record
-- ARGV: 1 the claim's ledger key, then the rewards' fields ('3:f')
-- Returns how many were given back (only those this claim holds).
local n = 0
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], 'c:' .. ARGV[i]) == ARGV[1] then
    redis.call('HDEL', KEYS[1], 'c:' .. ARGV[i])
    n = n + 1
  end
end
redis.call('HDEL', KEYS[1], 'pending:' .. ARGV[1])
return n
