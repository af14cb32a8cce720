/**
 * Testing a strategy without a pipeline: {@link dev.hft.strategy.testing.StrategyHarness} runs the real strategy
 * stage on the test's thread with a hand-stepped clock. It ships in the hft-strategy jar so a strategy project
 * depends on one artifact (in test scope it costs nothing at run time); it needs no test framework.
 */
package dev.hft.strategy.testing;
