/*
 * Code that only runs while the kernel boots.  __init functions go to
 * .init.text, which free_initmem (kernel/main.c) hands to the buddy
 * allocator once boot is over, as Linux frees its .init sections: nothing
 * after boot may call one.  In the host tests the section is an ordinary
 * one that is never freed.
 */
#ifndef INIT_H
#define INIT_H

#define __init	__attribute__((__section__(".init.text"), __cold__))

#endif
