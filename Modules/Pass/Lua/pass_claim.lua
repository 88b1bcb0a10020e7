-- Reserves rewards of an account's season for one claim: all of them or none, so a reward is granted by one claim only.
-- KEYS: 1 the account's season record
-- ARGV: 1 the claim's ledger key (or 'forfeit'), 2 the claim's rewards as text, kept as pending until granted ('' none),
--       3 '1' when a settled season refuses it, then the rewards' fields ('3:f')
-- Returns 'reserved', 'taken' (one of them was claimed already: nothing written) or 'ended' (the season is settled).
if ARGV[3] == '1' and redis.call('HEXISTS', KEYS[1], 'ended') == 1 then return 'ended' end
for i = 4, #ARGV do
  if redis.call('HEXISTS', KEYS[1], 'c:' .. ARGV[i]) == 1 then return 'taken' end
end
for i = 4, #ARGV do
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[i], ARGV[1])
end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'pending:' .. ARGV[1], ARGV[2]) end
return 'reserved'
