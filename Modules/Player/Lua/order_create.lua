-- Records a new order, CREATED, and indexes it by the time it expires unpaid.
-- KEYS: 1 order hash, 2 unpaid-orders zset. ARGV: 1 order id, 2 account, 3 product id, 4 amount (fen), 5 extra,
-- 6 now, 7 expires (unix s)
redis.call('HSET', KEYS[1], 'acc', ARGV[2], 'productid', ARGV[3], 'amount', ARGV[4], 'state', 'CREATED',
  'extra', ARGV[5], 'created', ARGV[6], 'expires', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
return 1
