-- bargain_doc: helpers shared by the bargain scripts (prepended to each one by BargainStore).
-- The values keep seed 003's JSON layout. The one list of a value that grows with every help (a code's
-- helperlist, a player's helplist) is written as the object's last field, so a help appends to the JSON
-- text instead of decoding and re-encoding the whole list. A JSON string never contains an unescaped
-- quote, so the texts searched for below (',"name":[', '"key":"value"' followed by ',' or '}') cannot
-- occur inside a string value. Every name and value in the text comes from cjson.encode; only the JSON
-- punctuation between encoded pieces is written here.
local doc = {}

-- Splits raw (a JSON object, or nil) into its other fields, decoded, and the items of its list field
-- `name` as JSON text without the brackets ('' when empty). A value whose list is not the last field
-- (written by an older version) is decoded whole. With fields_only, the items are not returned (no copy
-- of the list is made).
function doc.open(raw, name, fields_only)
  if not raw then return {}, '' end
  local key = cjson.encode(name) .. ':['
  local head, from
  local at = string.find(raw, ',' .. key, 1, true)
  if at then
    head, from = string.sub(raw, 1, at - 1) .. '}', at + 1 + #key
  elseif string.sub(raw, 1, #key + 1) == '{' .. key then
    head, from = '{}', 2 + #key
  end
  -- the items are flat objects: '],"' after the list's start means another field follows the list
  if head and string.sub(raw, -2) == ']}' and not string.find(raw, '],"', from, true) then
    if fields_only then return cjson.decode(head) end
    return cjson.decode(head), string.sub(raw, from, -3)
  end
  local t = cjson.decode(raw)
  local parts = {}
  if type(t[name]) == 'table' and not fields_only then
    for i, item in ipairs(t[name]) do parts[i] = cjson.encode(item) end
  end
  t[name] = nil
  return t, table.concat(parts, ',')
end

-- The JSON text of t with the list `name` as its last field: items (text), then item (a table, or nil)
-- appended. The other list fields of t named in arrays are written [] when empty (cjson writes {}).
-- One concatenation, so a long list is copied once.
function doc.write(t, name, items, item, arrays)
  local head = cjson.encode(t)
  for _, f in ipairs(arrays or {}) do
    local k = cjson.encode(f)
    head = string.gsub(head, k .. ':{}', k .. ':[]')
  end
  local sep, extra = '', ''
  if item then
    extra = cjson.encode(item)
    if items ~= '' then sep = ',' end
  end
  local key = cjson.encode(name) .. ':['
  if head == '{}' then return '{' .. key .. items .. sep .. extra .. ']}' end
  return string.sub(head, 1, -2) .. ',' .. key .. items .. sep .. extra .. ']}'
end

-- Whether an item of items has the string field key equal to value. The value's text is searched first
-- (its first character is rarely a quote, which the text is full of), then the field name before it.
function doc.has(items, key, value)
  local text = string.sub(cjson.encode(value), 2)
  local field = cjson.encode(key) .. ':"'
  local s, e = string.find(items, text, 1, true)
  while s do
    local after = string.sub(items, e + 1, e + 1)
    if (after == ',' or after == '}') and s > #field and string.sub(items, s - #field, s - 1) == field then return true end
    s, e = string.find(items, text, s + 1, true)
  end
  return false
end

-- How many items have the field key, counting no further than limit.
function doc.count(items, key, limit)
  local text, n, from = cjson.encode(key) .. ':', 0, 1
  while n < limit do
    local _, e = string.find(items, text, from, true)
    if not e then break end
    n, from = n + 1, e + 1
  end
  return n
end
