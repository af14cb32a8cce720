package dev.hft.bench;
