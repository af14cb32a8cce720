/**
 * Strategies as plug-in classes ({@link dev.hft.strategy.Strategy}), the strategy stage that runs one
 * ({@link dev.hft.strategy.StrategyStage}, {@code kind: strategy}), its order API guarded by pre-trade risk
 * ({@link dev.hft.strategy.Orders}, {@link dev.hft.strategy.RiskLimits}), and the open orders and positions it
 * keeps from the venue's responses ({@link dev.hft.strategy.OpenOrders}). docs/strategy.md walks through
 * writing one.
 */
package dev.hft.strategy;
