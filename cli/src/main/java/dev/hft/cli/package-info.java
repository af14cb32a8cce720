package dev.hft.cli;
