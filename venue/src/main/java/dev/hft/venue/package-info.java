package dev.hft.venue;
