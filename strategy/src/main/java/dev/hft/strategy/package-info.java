package dev.hft.strategy;
