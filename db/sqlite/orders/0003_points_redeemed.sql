-- Loyalty points redeemed at checkout (debited through Customers' RedeemPoints with the order number as reference).
ALTER TABLE orders_orders ADD COLUMN points_redeemed INTEGER NOT NULL DEFAULT 0 CHECK (points_redeemed >= 0);
