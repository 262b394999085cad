#!/bin/hello
