-- Adds a gift's gold to the open box's energy. KEYS: 1 box hash. ARGV: 1 gold.
-- Returns: {'added', energy} | {'closed', 0} (no open box: the session ended or never began)
if redis.call('HGET', KEYS[1], 'state') ~= 'live' then return {'closed', 0} end
return {'added', redis.call('HINCRBY', KEYS[1], 'energy', ARGV[1])}
