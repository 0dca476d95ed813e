from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'macros.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_icon = l_0_state_badge = l_0_req_badge = l_0_meter = l_0_credits = l_0_activity_link = l_0_dates = l_0_activity_table = missing
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
        t_3 = environment.filters['format_label']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'format_label' found.")
    try:
        t_4 = environment.filters['state_label']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'state_label' found.")
    try:
        t_5 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    def macro(l_1_name):
        t_6 = []
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        pass
        t_6.extend((
            '<svg class="icon icon-',
            escape(l_1_name),
            '" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">',
        ))
        if (l_1_name == 'met'):
            pass
            t_6.append(
                '<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="var(--on-badge)" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>',
            )
        elif (l_1_name == 'in-progress'):
            pass
            t_6.append(
                '<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8 1.8a6.2 6.2 0 0 1 0 12.4z" fill="currentColor"/>',
            )
        elif (l_1_name == 'overdue'):
            pass
            t_6.append(
                '<path d="M8 1.2l7 13H1z" fill="currentColor"/><path d="M8 6v3.6" stroke="var(--on-badge)" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="11.8" r="1" fill="var(--on-badge)"/>',
            )
        elif (l_1_name == 'documented'):
            pass
            t_6.append(
                '<rect x="2" y="1.5" width="12" height="13" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M5 8.3l2 2 4-4.3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>',
            )
        elif (l_1_name == 'undocumented'):
            pass
            t_6.append(
                '<rect x="2" y="1.5" width="12" height="13" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2.5 1.8"/><path d="M8 5v4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="11.5" r=".9" fill="currentColor"/>',
            )
        elif (l_1_name == 'pending'):
            pass
            t_6.append(
                '<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.3V8l2.6 1.7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>',
            )
        elif (l_1_name == 'educational'):
            pass
            t_6.append(
                '<path d="M1 6l7-3.5L15 6 8 9.5z" fill="currentColor"/><path d="M4 7.7v3c1 1.2 2.4 1.8 4 1.8s3-.6 4-1.8v-3" fill="none" stroke="currentColor" stroke-width="1.4"/>',
            )
        elif (l_1_name == 'pdf'):
            pass
            t_6.append(
                '<path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/><path d="M9.5 1.5v3h3" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M5.5 8.5h5M5.5 11h5" stroke="currentColor" stroke-width="1.2"/>',
            )
        elif (l_1_name == 'cross'):
            pass
            t_6.append(
                '<rect x="0" y="0" width="16" height="16" rx="3.5" fill="currentColor"/><path d="M6.3 3.5h3.4v2.8h2.8v3.4H9.7v2.8H6.3V9.7H3.5V6.3h2.8z" fill="var(--on-accent)"/>',
            )
        t_6.append(
            '</svg>',
        )
        return concat(t_6)
    context.exported_vars.add('icon')
    context.vars['icon'] = l_0_icon = Macro(environment, macro, 'icon', ('name',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view):
        t_7 = []
        l_1_state = missing
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        l_1_state = ('overdue' if environment.getattr(l_1_view, 'overdue') else environment.getattr(l_1_view, 'state'))
        t_7.extend((
            '<span class="badge badge-',
            escape((undefined(name='state') if l_1_state is missing else l_1_state)),
            '">',
            escape(context.call((undefined(name='icon') if l_0_icon is missing else l_0_icon), environment.getattr(l_1_view, 'state'))),
            '<span>',
            escape(t_4(environment.getattr(l_1_view, 'state'))),
        ))
        if environment.getattr(l_1_view, 'overdue'):
            pass
            t_7.append(
                ', overdue',
            )
        t_7.append(
            '</span></span>',
        )
        return concat(t_7)
    context.exported_vars.add('state_badge')
    context.vars['state_badge'] = l_0_state_badge = Macro(environment, macro, 'state_badge', ('view',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_req):
        t_8 = []
        if l_1_req is missing:
            l_1_req = undefined("parameter 'req' was not provided", name='req')
        pass
        t_8.extend((
            '<span class="badge badge-',
            escape(environment.getattr(l_1_req, 'state')),
            '">',
            escape(context.call((undefined(name='icon') if l_0_icon is missing else l_0_icon), environment.getattr(l_1_req, 'state'))),
            '<span>',
            escape(environment.getattr(l_1_req, 'label')),
            '</span></span>',
        ))
        return concat(t_8)
    context.exported_vars.add('req_badge')
    context.vars['req_badge'] = l_0_req_badge = Macro(environment, macro, 'req_badge', ('req',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_percent, l_1_state, l_1_label):
        t_9 = []
        if l_1_percent is missing:
            l_1_percent = undefined("parameter 'percent' was not provided", name='percent')
        if l_1_state is missing:
            l_1_state = undefined("parameter 'state' was not provided", name='state')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        pass
        t_9.extend((
            '<div class="meter meter-',
            escape(l_1_state),
            '" role="img" aria-label="',
            escape(l_1_label),
            '"><span class="meter-fill" style="width: ',
            escape(l_1_percent),
            '%"></span>',
        ))
        if (l_1_state != 'met'):
            pass
            t_9.append(
                '<span class="meter-target" aria-hidden="true"></span>',
            )
        t_9.append(
            '</div>',
        )
        return concat(t_9)
    context.exported_vars.add('meter')
    context.vars['meter'] = l_0_meter = Macro(environment, macro, 'meter', ('percent', 'state', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_activity):
        t_10 = []
        if l_1_activity is missing:
            l_1_activity = undefined("parameter 'activity' was not provided", name='activity')
        pass
        if environment.getattr(l_1_activity, 'credits'):
            pass
            t_10.append(
                '<ul class="credit-list">\n',
            )
            for l_2_c in environment.getattr(l_1_activity, 'credits'):
                _loop_vars = {}
                pass
                t_10.extend((
                    '<li><strong>',
                    escape(t_1(environment.getattr(l_2_c, 'amount'))),
                    '</strong> ',
                    escape(environment.getattr(l_2_c, 'type')),
                    '</li>\n',
                ))
            l_2_c = missing
            t_10.append(
                '</ul>\n',
            )
        else:
            pass
            t_10.append(
                '<span class="muted">No credit</span>\n',
            )
        return concat(t_10)
    context.exported_vars.add('credits')
    context.vars['credits'] = l_0_credits = Macro(environment, macro, 'credits', ('activity',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_activity):
        t_11 = []
        l_1_root = resolve('root')
        if l_1_activity is missing:
            l_1_activity = undefined("parameter 'activity' was not provided", name='activity')
        pass
        t_11.extend((
            '<a href="',
            escape((undefined(name='root') if l_1_root is missing else l_1_root)),
            escape(t_5(environment.getattr(l_1_activity, 'page'))),
            '">',
            escape(environment.getattr(l_1_activity, 'title')),
            '</a>',
        ))
        return concat(t_11)
    context.exported_vars.add('activity_link')
    context.vars['activity_link'] = l_0_activity_link = Macro(environment, macro, 'activity_link', ('activity',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_activity):
        t_12 = []
        if l_1_activity is missing:
            l_1_activity = undefined("parameter 'activity' was not provided", name='activity')
        pass
        t_12.extend((
            '<time datetime="',
            escape(context.call(environment.getattr(environment.getattr(l_1_activity, 'date'), 'isoformat'))),
            '">',
            escape(t_2(environment.getattr(l_1_activity, 'date'))),
            '</time>',
        ))
        if (environment.getattr(l_1_activity, 'end_date') and (environment.getattr(l_1_activity, 'end_date') != environment.getattr(l_1_activity, 'date'))):
            pass
            t_12.extend((
                ' – <time datetime="',
                escape(context.call(environment.getattr(environment.getattr(l_1_activity, 'end_date'), 'isoformat'))),
                '">',
                escape(t_2(environment.getattr(l_1_activity, 'end_date'))),
                '</time>',
            ))
        return concat(t_12)
    context.exported_vars.add('dates')
    context.vars['dates'] = l_0_dates = Macro(environment, macro, 'dates', ('activity',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_views, l_1_caption, l_1_show_year):
        t_13 = []
        if l_1_views is missing:
            l_1_views = undefined("parameter 'views' was not provided", name='views')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        if l_1_show_year is missing:
            l_1_show_year = True
        pass
        t_13.extend((
            '<div class="table-wrap" role="region" aria-label="',
            escape(l_1_caption),
            '" tabindex="0">\n<table class="activities stack">\n<caption class="visually-hidden">',
            escape(l_1_caption),
            '</caption>\n<thead><tr><th scope="col">Date</th><th scope="col">Activity</th><th scope="col" class="num">Credits</th><th scope="col">Status</th></tr></thead>\n<tbody>\n',
        ))
        for l_2_v in l_1_views:
            _loop_vars = {}
            pass
            t_13.extend((
                '<tr class="state-',
                escape(environment.getattr(l_2_v, 'state')),
                '">\n<td class="nowrap">',
                escape(context.call((undefined(name='dates') if l_0_dates is missing else l_0_dates), environment.getattr(l_2_v, 'activity'), _loop_vars=_loop_vars)),
                '</td>\n<td>',
                escape(context.call((undefined(name='activity_link') if l_0_activity_link is missing else l_0_activity_link), environment.getattr(l_2_v, 'activity'), _loop_vars=_loop_vars)),
                '<div class="sub">',
                escape(environment.getattr(environment.getattr(l_2_v, 'activity'), 'provider')),
            ))
            if environment.getattr(environment.getattr(l_2_v, 'activity'), 'format'):
                pass
                t_13.extend((
                    ' · ',
                    escape(t_3(environment.getattr(environment.getattr(l_2_v, 'activity'), 'format'))),
                ))
            t_13.extend((
                '</div></td>\n<td class="num">',
                escape(context.call((undefined(name='credits') if l_0_credits is missing else l_0_credits), environment.getattr(l_2_v, 'activity'), _loop_vars=_loop_vars)),
                '</td>\n<td>',
                escape(context.call((undefined(name='state_badge') if l_0_state_badge is missing else l_0_state_badge), l_2_v, _loop_vars=_loop_vars)),
                '</td>\n</tr>\n',
            ))
        l_2_v = missing
        t_13.append(
            '</tbody>\n</table>\n</div>',
        )
        return concat(t_13)
    context.exported_vars.add('activity_table')
    context.vars['activity_table'] = l_0_activity_table = Macro(environment, macro, 'activity_table', ('views', 'caption', 'show_year'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=49&4=52&6=57&8=62&10=67&12=72&14=77&16=82&18=87&20=92&26=104&27=110&28=113&31=131&32=138&35=149&36=160&39=179&40=184&42=189&43=194&51=212&52=220&55=230&56=237&59=255&60=266&62=268&65=271&66=276&67=278&68=280&69=292&70=294'