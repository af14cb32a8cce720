package dev.hft.dpdk;
