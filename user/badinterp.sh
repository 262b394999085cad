#!/bin/nonexistent
