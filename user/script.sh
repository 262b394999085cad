#!/bin/argv -x
