#!  	/bin/exit42
