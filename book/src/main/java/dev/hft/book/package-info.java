package dev.hft.book;
