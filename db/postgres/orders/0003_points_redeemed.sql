-- Loyalty points redeemed at checkout (debited through Customers' RedeemPoints with the order number as reference).
ALTER TABLE orders.orders ADD COLUMN points_redeemed integer NOT NULL DEFAULT 0 CHECK (points_redeemed >= 0);
