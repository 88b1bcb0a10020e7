-- A game client as the Lua team writes one (Lua 5.1 or 5.3, lua-socket, lua-MessagePack, lua-cjson), played
-- against a running server by Tests/Integration/LuaClientTests.cs. It loads the generated constants and uses
-- only their names. Arguments: host port owner owner_token helper helper_token ids_json
-- Prints one "ok ..." line per step; any failure raises an error (exit status 1).
local socket = require("socket")
local mp = require("MessagePack")
local cjson = require("cjson")
local P = require("protocol_constants")

local host, port, owner_acc, owner_token, helper_acc, helper_token, ids_json = ...
local ids = cjson.decode(ids_json) -- on Lua 5.3 every number here is a float (1.0): the server takes whole floats

local M, OP, R = P.ModuleType, P.EmOpID, P.EnumResult

local function check(cond, what, ...)
    if not cond then error(string.format(what, ...), 2) end
end

local function be32(n)
    return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local Conn = {}
Conn.__index = Conn

local function connect(name)
    local sock = assert(socket.tcp())
    sock:settimeout(10)
    assert(sock:connect(host, tonumber(port)))
    return setmetatable({ sock = sock, name = name, seq = 0 }, Conn)
end

function Conn:frame(module_type, opid, data)
    self.seq = self.seq + 1
    local body = mp.pack({ module_type = module_type, opid = opid, data = data, seq = self.seq })
    return be32(#body) .. body, self.seq
end

function Conn:send(bytes)
    assert(self.sock:send(bytes))
end

function Conn:read()
    local head = assert(self.sock:receive(4))
    local b1, b2, b3, b4 = head:byte(1, 4)
    local body = assert(self.sock:receive(((b1 * 256 + b2) * 256 + b3) * 256 + b4))
    return mp.unpack(body)
end

-- one request, one answer (pushes that arrive first are kept for later)
function Conn:call(module_type, opid, data)
    local bytes, seq = self:frame(module_type, opid, data)
    self:send(bytes)
    while true do
        local msg = self:read()
        if P.is_push(msg.module_type, msg.opid) then
            self.pushes = self.pushes or {}
            table.insert(self.pushes, msg)
        else
            check(msg.seq == seq and msg.module_type == module_type and msg.opid == opid,
                "%s: answer %s/%s seq %s to request %s/%s seq %s", self.name, tostring(msg.module_type), tostring(msg.opid),
                tostring(msg.seq), module_type, opid, seq)
            return msg.data
        end
    end
end

local function expect(data, result, what)
    check(data.result == result, "%s: result %s (%s), expected %s (%s)", what, tostring(data.result),
        tostring(P.ResultName[data.result]), result, P.ResultName[result])
    print("ok " .. what)
    return data
end

local function login(conn, acc, token, devicetype)
    local r = expect(conn:call(M.system, OP.system_login, { acc = acc, token = token, devicetype = devicetype }), R.success, conn.name .. " login")
    check(r.acc == acc, "login answered acc %s", tostring(r.acc))
    check(r.protocol == P.PROTOCOL_VERSION, "server protocol %s, constants %s", tostring(r.protocol), P.PROTOCOL_VERSION)
end

local owner = connect("owner")
login(owner, owner_acc, owner_token, P.DeviceType.other)
local hb = expect(owner:call(M.system, OP.system_heartbeat, {}), R.success, "heartbeat with data = {}")
check(hb.servertime and hb.servertime > 0, "heartbeat servertime")

local acks = expect(owner:call(M.bargain, OP.bargain_getacklist, {}), R.success, "getacklist with data = {}")
check(acks.actlist[ids.id] and acks.actlist[ids.id].id == ids.id, "actlist holds period %s", tostring(ids.id))

local config = expect(owner:call(M.bargain, OP.bargain_getconfig, { id = ids.id }), R.success, "getconfig with an id read through lua-cjson")
check(config.config and config.config.id == ids.id, "getconfig config.id")
local goods_state
for _, g in ipairs(config.goods_state_list) do
    if g.idx == ids.idx then goods_state = g.state end
end
check(goods_state == P.GoodsState.canget, "goods %s is %s before start", tostring(ids.idx), tostring(goods_state))

local started = expect(owner:call(M.bargain, OP.bargain_start, { id = ids.id, idx = ids.idx, goodsid = ids.goodsid }), R.success, "start")
local code = started.bargaindata.code
check(type(code) == "string" and #code >= 8, "start gave a code")
check(started.bargaindata.state == P.GoodsState.getting, "the started goods is getting")

local helper = connect("helper")
login(helper, helper_acc, helper_token, P.DeviceType.ios)
local helped = expect(helper:call(M.bargain, OP.bargain_help,
    { id = ids.id, deviceid = "lua-" .. helper_acc, devicetype = P.DeviceType.ios, bargaincode = code }), R.success, "help from a second connection")
check(helped.bargaincode == code and helped.delprice > 0, "help cut the code")

local ntf = owner.pushes and owner.pushes[1] or owner:read()
check(P.is_push(ntf.module_type, ntf.opid) and P.OpName[ntf.module_type][ntf.opid] == "bargain_helpntf",
    "the owner got %s/%s", tostring(ntf.module_type), tostring(ntf.opid))
check(ntf.seq == nil and ntf.data.bargaincode == code and ntf.data.acc == helper_acc and ntf.data.delprice == helped.delprice, "helpntf names the help")
print("ok helpntf to the owner")

expect(owner:call(M.bargain, OP.bargain_getgoods, { id = ids.id, goodsid = ids.goodsid, idx = ids.idx, bargaincode = code }), R.success, "getgoods")

-- errors carry the result and nothing made up: the client's own `if r.config then` is safe
local missing = expect(owner:call(M.bargain, OP.bargain_getconfig, { id = 999 }), R.data_error, "getconfig of an unknown period")
check(missing.config == nil and missing.goods_state_list == nil and missing.state == nil, "an error answer has no made-up fields")
local bad = expect(owner:call(M.bargain, OP.bargain_getconfig, { id = 1.5 }), R.param_error, "getconfig with a fractional id")
check(bad.field == "id", "param_error names the field, got %s", tostring(bad.field))

-- a pipelined burst (within the rate limit), its answers matched by order alone
local plan = {
    { M.system, OP.system_heartbeat, {} }, { M.bargain, OP.bargain_getacklist, {} },
    { M.bargain, OP.bargain_getconfig, { id = ids.id } }, { M.bargain, OP.bargain_gethelp, { id = ids.id } },
    { M.bargain, OP.bargain_getcurdata, { id = ids.id } },
}
local burst, seqs = {}, {}
for i = 1, 10 do
    local step = plan[(i - 1) % #plan + 1]
    local bytes, seq = owner:frame(step[1], step[2], step[3])
    burst[#burst + 1] = bytes
    seqs[i] = seq
end
owner:send(table.concat(burst))
for i = 1, 10 do
    local step = plan[(i - 1) % #plan + 1]
    local msg = owner:read()
    check(msg.module_type == step[1] and msg.opid == step[2] and msg.seq == seqs[i],
        "answer %d of the burst is %s/%s seq %s, expected %s/%s seq %s", i, tostring(msg.module_type), tostring(msg.opid),
        tostring(msg.seq), step[1], step[2], seqs[i])
    check(msg.data.result ~= nil, "answer %d has a result", i)
end
print("ok pipelined burst of 10 answered in order")

owner.sock:close()
helper.sock:close()
print("lua client: all steps passed on " .. _VERSION)
