from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'topics.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'topics.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'topics.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'Topics'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['amount']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'amount' found.")
    try:
        t_2 = environment.filters['date']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'date' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<header class="page-head">\n  <h1>Topics</h1>\n  <p class="lede">Every topic tag and the activities that carry it. Documented credit counts each activity once, at its largest credit amount: an activity tagged with a topic brings its whole credit, a partial topic (<code>{topic, credits}</code>) only the credits given to it.</p>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'topics'):
        pass
        yield '  <nav aria-label="Topic list"><ul class="tags">'
        for l_1_t in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'topics'):
            _loop_vars = {}
            pass
            yield '<li><a class="tag" href="#'
            yield escape(environment.getattr(l_1_t, 'anchor'))
            yield '">'
            yield escape(environment.getattr(l_1_t, 'name'))
            yield '</a></li>'
        l_1_t = missing
        yield '</ul></nav>\n'
    yield '</header>\n'
    t_4 = 1
    for l_1_t in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'topics'):
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '">\n  <h2 id="'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_t, 'name'))
        yield ' <span class="count">—'
        if environment.getattr(environment.getattr(l_1_t, 'split'), 'tagged'):
            pass
            yield ' '
            yield escape(t_1(environment.getattr(environment.getattr(l_1_t, 'split'), 'tagged')))
            yield ' credits from activities tagged with it'
        if (environment.getattr(environment.getattr(l_1_t, 'split'), 'tagged') and environment.getattr(environment.getattr(l_1_t, 'split'), 'partial')):
            pass
            yield ','
        if environment.getattr(environment.getattr(l_1_t, 'split'), 'partial'):
            pass
            yield ' '
            yield escape(t_1(environment.getattr(environment.getattr(l_1_t, 'split'), 'partial')))
            yield ' topic credits'
        if ((not environment.getattr(environment.getattr(l_1_t, 'split'), 'tagged')) and (not environment.getattr(environment.getattr(l_1_t, 'split'), 'partial'))):
            pass
            yield ' no documented credit'
        yield '</span></h2>\n  <ul class="topic-list">\n'
        for (l_2_v, l_2_topic) in environment.getattr(l_1_t, 'activities'):
            l_2_m = resolve('m')
            _loop_vars = {}
            pass
            yield '    <li>'
            yield escape(context.call(environment.getattr((undefined(name='m') if l_2_m is missing else l_2_m), 'state_badge'), l_2_v, _loop_vars=_loop_vars))
            yield ' <span class="nowrap"><time datetime="'
            yield escape(context.call(environment.getattr(environment.getattr(environment.getattr(l_2_v, 'activity'), 'completed'), 'isoformat'), _loop_vars=_loop_vars))
            yield '">'
            yield escape(t_2(environment.getattr(environment.getattr(l_2_v, 'activity'), 'completed')))
            yield '</time></span> — '
            yield escape(context.call(environment.getattr((undefined(name='m') if l_2_m is missing else l_2_m), 'activity_link'), environment.getattr(l_2_v, 'activity'), _loop_vars=_loop_vars))
            if (not t_3(environment.getattr(l_2_topic, 'credits'))):
                pass
                yield ' <span class="sub">('
                yield escape(t_1(environment.getattr(l_2_topic, 'credits')))
                yield ' credits on this topic)</span>'
            yield '</li>\n'
        l_2_v = l_2_topic = l_2_m = missing
        yield '  </ul>\n</section>\n'
        t_4 = 0
    l_1_t = missing
    if t_4:
        pass
        yield '<p class="muted">No topics tagged yet.</p>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=30&8=58&9=61&12=73&13=77&14=79&16=100&17=105'