-- bargain erase: a deleted account's data of one period, in one atomic step.
-- KEYS: 1 period :player hash, 2 period :code hash, 3 period :help hash
-- ARGV: 1 account, 2 placeholder (the anonymous name shown instead), 3 n codes, then the n codes the account owns
--       (found by the caller), then the fields of the :help hash whose lists hold the account
-- Returns {outcome, codes deleted, helps renamed}; outcome done | collecting (one of its codes is being bought:
--   nothing was changed, the caller tries again later).
-- Its own entries go: its :player field and the codes it owns; in the helplists of the players who helped those codes
-- its name (as the code's owner) becomes the placeholder. In the codes of others it helped, its name in the helperlist
-- becomes the placeholder, amounts unchanged, so each code's total still equals its helperlist and the code goes on.
-- It is taken out of the :help lists of IPs and devices (an emptied list goes). Text is replaced only as '"acc":<name>' followed by ',' or '}', which
-- cannot occur inside a JSON string (bargain_doc); the player and code values keep their layout.
local acc, anon = ARGV[1], ARGV[2]
local from, to = '"acc":' .. cjson.encode(acc), '"acc":' .. cjson.encode(anon)

local function rename(text)
  local out, pos, n = {}, 1, 0
  while true do
    local s, e = string.find(text, from, pos, true)
    if not s then break end
    local after = string.sub(text, e + 1, e + 1)
    out[#out + 1] = string.sub(text, pos, s - 1)
    if after == ',' or after == '}' then
      out[#out + 1] = to
      n = n + 1
    else
      out[#out + 1] = from
    end
    pos = e + 1
  end
  out[#out + 1] = string.sub(text, pos)
  return table.concat(out), n
end

local function rename_in(key, field)
  local raw = redis.call('HGET', key, field)
  if not raw then return 0 end
  local text, n = rename(raw)
  if n > 0 then redis.call('HSET', key, field, text) end
  return n
end

local ncodes = tonumber(ARGV[3])
local owned = {}
for i = 1, ncodes do
  local code = ARGV[3 + i]
  local raw = redis.call('HGET', KEYS[2], code)
  if raw then
    local c = cjson.decode(raw)
    if c.master == acc then
      if tonumber(c.isget) == 2 then return {'collecting', 0, 0} end
      owned[#owned + 1] = {code, c}
    end
  end
end

local deleted, renamed = 0, 0
for _, o in ipairs(owned) do
  local helpers = o[2].helperlist
  if type(helpers) == 'table' then
    for _, h in ipairs(helpers) do
      if type(h) == 'table' and type(h.acc) == 'string' then renamed = renamed + rename_in(KEYS[1], h.acc) end
    end
  end
  redis.call('HDEL', KEYS[2], o[1])
  deleted = deleted + 1
end

local mine = redis.call('HGET', KEYS[1], acc)
if mine then
  local p = cjson.decode(mine)
  if type(p.helplist) == 'table' then
    for _, help in ipairs(p.helplist) do
      if type(help) == 'table' and type(help.code) == 'string' then renamed = renamed + rename_in(KEYS[2], help.code) end
    end
  end
  redis.call('HDEL', KEYS[1], acc)
end

for i = 4 + ncodes, #ARGV do
  local raw = redis.call('HGET', KEYS[3], ARGV[i])
  if raw then
    local kept = {}
    for _, a in ipairs(cjson.decode(raw)) do
      if a ~= acc then kept[#kept + 1] = a end
    end
    if #kept == 0 then
      redis.call('HDEL', KEYS[3], ARGV[i])
    else
      redis.call('HSET', KEYS[3], ARGV[i], cjson.encode(kept))
    end
  end
end
return {'done', deleted, renamed}
