-- bargain getgoods failed before anything was paid (not enough yuanbao, item refused): the code is open again.
-- KEYS: 1 period :code hash. ARGV: 1 code
-- Returns 1 when the code went back from isget 2 to 0, else 0.
local craw = redis.call('HGET', KEYS[1], ARGV[1])
if not craw then return 0 end
local c, helpers = doc.open(craw, 'helperlist')
if tonumber(c.isget) ~= 2 then return 0 end
c.isget = 0
redis.call('HSET', KEYS[1], ARGV[1], doc.write(c, 'helperlist', helpers))
return 1
