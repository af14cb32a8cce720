package dev.hft.egress;
