-- bargain getgoods failed before anything was paid (not enough yuanbao, item refused): the code is open again.
-- KEYS: 1 period :code hash. ARGV: 1 code
-- Returns 1 when the code went back from isget 2 to 0, else 0.
local function enc(t, ...)
  local json = cjson.encode(t)
  for _, f in ipairs({...}) do json = string.gsub(json, '"' .. f .. '":{}', '"' .. f .. '":[]') end
  return json
end

local craw = redis.call('HGET', KEYS[1], ARGV[1])
if not craw then return 0 end
local c = cjson.decode(craw)
if tonumber(c.isget) ~= 2 then return 0 end
c.isget = 0
redis.call('HSET', KEYS[1], ARGV[1], enc(c, 'helperlist'))
return 1
